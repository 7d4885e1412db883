package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: every reference history gets the verdict that {@code VERDICTS.tsv} records, under the
 * semantics the table names. Method: one check per file, partitioned by key; the key-value logs
 * once more as one object ({@code --no-partition}), as Porcupine's unpartitioned tests do.
 */
class CorpusVerdictsTest {
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    static Stream<ReferenceCorpus.Entry> entries() throws IOException {
        return ReferenceCorpus.entries().stream();
    }

    static Stream<ReferenceCorpus.Entry> kvLogs() throws IOException {
        return ReferenceCorpus.entries().stream().filter(ReferenceCorpus.Entry::isKvLog);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void partitioned(ReferenceCorpus.Entry entry) throws IOException {
        Verdict verdict = check(entry, true);
        assertThat(verdict.valid()).as(entry + ": " + verdict).isEqualTo(expected(entry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kvLogs")
    void unpartitioned(ReferenceCorpus.Entry entry) throws IOException {
        Verdict verdict = check(entry, false);
        assertThat(verdict.valid()).as(entry + ": " + verdict).isEqualTo(expected(entry));
    }

    private static Verdict check(ReferenceCorpus.Entry entry, boolean partitioned) throws IOException {
        History history = Histories.read(entry.file(), HistoryFormat.fromCliName(entry.format()).orElseThrow());
        LinearizableChecker checker = LinearizableChecker.fromOptions(
                entry.options().with("partition", Boolean.toString(partitioned)));
        return checker.check(history, CheckContext.withTimeLimit(TIME_LIMIT));
    }

    private static Validity expected(ReferenceCorpus.Entry entry) {
        return entry.linearizable() ? Validity.TRUE : Validity.FALSE;
    }

    static List<ReferenceCorpus.Entry> all() throws IOException {
        return ReferenceCorpus.entries();
    }
}
