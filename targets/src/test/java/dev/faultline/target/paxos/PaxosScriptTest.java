package dev.faultline.target.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Goal: the paper's scenarios as readable scripts with golden output (etcd raft's
 * {@code interaction_test.go} over {@code testdata/*.txt}). Each file under
 * {@code src/test/resources/paxos/} holds a script, a line {@code ----}, and the output it must
 * produce ({@link PaxosScripts}). When the protocol changes on purpose, rewrite the expected
 * output with {@code -Dfaultline.paxos.rewrite=true} and read the diff before committing it:
 * only if you understand what caused it.
 */
class PaxosScriptTest {
    private static final Path DIR = Path.of("src", "test", "resources", "paxos");
    private static final String SEPARATOR = "----";

    @TestFactory
    Stream<DynamicTest> everyScriptProducesItsGoldenOutput() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(DIR)) {
            files = listing.filter(path -> path.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).as("scripts in %s", DIR.toAbsolutePath()).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int separator = lines.indexOf(SEPARATOR);
            List<String> script = separator < 0 ? lines : lines.subList(0, separator);
            List<String> expected = separator < 0 ? List.of() : lines.subList(separator + 1, lines.size());
            List<String> actual = PaxosScripts.run(script);
            if (Boolean.getBoolean("faultline.paxos.rewrite")) {
                List<String> rewritten = new ArrayList<>(script);
                rewritten.add(SEPARATOR);
                rewritten.addAll(actual);
                Files.write(file, rewritten, StandardCharsets.UTF_8);
                return;
            }
            assertThat(String.join("\n", actual)).as("output of %s", file).isEqualTo(String.join("\n", expected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
