package dev.faultline.history.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.Corpus;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpus converts to JSON Lines and reads back as the same op sequence,
 * field by field, with as many events as the input has (counted independently of the codecs).
 */
class CorpusRoundTripTest {
    private static final Pattern PROCESS_KEY = Pattern.compile(":process\\b");
    private static final Pattern LOG_OP_LINE = Pattern.compile("jepsen\\.util\\s+-\\s+(\\d+|:nemesis)\\s+:");

    static Stream<Path> corpus() throws IOException {
        List<Path> files = Corpus.files();
        assertThat(files).as("corpus files").hasSizeGreaterThan(100);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void convertsAndReadsBackUnchanged(Path file, @TempDir Path dir) throws IOException {
        History original = Histories.read(file);
        Path jsonl = dir.resolve("history.jsonl");
        Histories.writeJsonl(original.ops(), jsonl);

        History reread = Histories.read(jsonl, HistoryFormat.JSONL);

        assertThat(original.size()).as("events in %s", file).isEqualTo(independentEventCount(file));
        assertThat(Files.readAllLines(jsonl)).hasSize(original.size());
        assertThat(reread.ops()).hasSameSizeAs(original.ops());
        for (int i = 0; i < original.size(); i++) {
            Op before = original.get(i);
            Op after = reread.get(i);
            assertThat(after).as("op %d of %s", i, file).isEqualTo(before);
            assertThat(after.value()).isEqualTo(before.value());
            assertThat(after.f()).isEqualTo(before.f());
            assertThat(after.type()).isEqualTo(before.type());
            assertThat(after.process()).isEqualTo(before.process());
        }
    }

    /** Counts events straight from the text: op lines of a log, {@code :process} keys of EDN. */
    private static long independentEventCount(Path file) throws IOException {
        String text = Files.readString(file);
        Pattern pattern = LOG_OP_LINE.matcher(text).find() ? LOG_OP_LINE : PROCESS_KEY;
        String withoutComments = pattern == PROCESS_KEY ? text.replaceAll("(?m);.*$", "") : text;
        Matcher matcher = pattern.matcher(withoutComments);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
