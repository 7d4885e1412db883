package dev.faultline.checker.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizable implies sequentially consistent: every register history of the shared corpus
 * whose verdict is {@code true} must be sequentially consistent under the semantics the corpus
 * names for it (Porcupine's etcd: failed cas compared; Knossos: initial 0, nil reads tell
 * nothing). The corpus's non-linearizable etcd histories are stale reads, so they are expected
 * to be sequential too, though nothing outside this checker says so.
 */
class SequentialCorpusTest {

    record Entry(String file, boolean linearizable) {}

    static Stream<Entry> registerHistories() throws IOException {
        Path verdicts = corpus().resolve("VERDICTS.tsv");
        List<String> lines = Files.readAllLines(verdicts);
        return lines.stream().skip(1).map(line -> line.split("\t"))
                .filter(fields -> fields[0].startsWith("porcupine/etcd/") || fields[0].startsWith("knossos/cas-register/"))
                .map(fields -> new Entry(fields[0], fields[1].equals("true")));
    }

    private static Path corpus() {
        return Path.of(System.getProperty("faultline.corpus", "../../shared/corpus"));
    }

    @ParameterizedTest
    @MethodSource("registerHistories")
    void linearizableHistoriesAreSequential(Entry entry) throws IOException {
        History history = Histories.read(corpus().resolve(entry.file()));
        RegisterSemantics semantics = entry.file().startsWith("knossos/")
                ? new RegisterSemantics(0L, true, false)
                : new RegisterSemantics(null, false, true);
        Verdict verdict = new SequentialChecker(semantics, true).check(history, CheckContext.withTimeLimit(Duration.ofSeconds(60)));

        if (entry.linearizable() || entry.file().startsWith("porcupine/etcd/")) {
            assertThat(verdict.valid()).as("%s: %s %s", entry.file(), verdict.cause(), verdict.anomalies()).isEqualTo(Validity.TRUE);
        } else {
            assertThat(verdict.valid()).as(entry.file()).isNotEqualTo(Validity.UNKNOWN);
        }
    }
}
