package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.Main;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The controller as a user runs it, {@code java -jar faultline.jar test ...}, in its own process:
 * killed with SIGKILL mid-run it leaves a history that can be read and analyzed, and its nodes
 * exit with it; a target that cannot start is a one-line error and leaves no process; an unknown
 * option exits 254. Every process is stopped by PID in the end, whatever happened.
 */
@Timeout(180)
class ControllerIT {
    @TempDir
    Path dir;

    @Test
    void aControllerKilledMidRunLeavesAReadableHistoryAndTakesItsNodesWithIt() throws Exception {
        try (Controller controller = Controller.start(dir, Map.of(), "test", "--target", "memory", "--nodes", "1",
                "--workload", "set", "--nemesis", "none", "--time-limit", "120", "--rate", "300", "--seed", "5")) {
            Path runs = dir.resolve("store/memory-set");
            Path history = awaitHistory(runs, 300);
            assertThat(controller.nodes()).hasSize(1);

            controller.process.destroyForcibly();
            controller.waitFor(30);

            assertThat(controller.nodesExit(30)).as("the node exits when its controller dies").isTrue();
            History read = Histories.read(history);
            assertThat(read.size()).isGreaterThanOrEqualTo(300);
            assertThat(read.warnings()).allMatch(warning -> warning.contains("never completed"));

            CommandLine analyze = Main.commandLine();
            StringWriter out = new StringWriter();
            analyze.setOut(new PrintWriter(out, true));
            analyze.setErr(new PrintWriter(new StringWriter(), true));
            int exit = analyze.execute("analyze", history.getParent().toString());
            assertThat(exit).as(out.toString()).isIn(0, 2);
            assertThat(out.toString()).contains("convergence");
            assertThat(history.resolveSibling("results.json")).exists();
        }
    }

    @Test
    void aTargetThatCannotStartIsOneClearLineAndLeavesNoProcess() throws Exception {
        try (Controller controller = Controller.start(dir, Map.of("FAULTLINE_NODE_JAVA_OPTS", "-XX:+NoSuchFaultlineOption"),
                "test", "--target", "memory", "--nodes", "3", "--workload", "set", "--nemesis", "none", "--time-limit", "5")) {
            assertThat(controller.waitFor(120)).isEqualTo(255);
            assertThat(controller.err()).containsPattern(
                    "faultline: the target could not start: node n\\d did not start \\(exit status 1\\): .*; what it recorded is in store/memory-set/");
            assertThat(controller.err()).doesNotContain("\tat ");
            assertThat(controller.nodes()).isEmpty();
            Path run;
            try (Stream<Path> runs = Files.list(dir.resolve("store/memory-set"))) {
                run = runs.findFirst().orElseThrow();
            }
            assertThat((String) JsonFiles.readMap(run.resolve("test.json")).get("outcome")).startsWith("failed: node n");
        }
    }

    @Test
    void anUnknownOptionExits254() throws Exception {
        try (Controller controller = Controller.start(dir, Map.of(), "test", "--target", "memory", "--no-such-option")) {
            assertThat(controller.waitFor(60)).isEqualTo(254);
            assertThat(controller.err()).startsWith("faultline: Unknown option: '--no-such-option'");
            assertThat(controller.nodes()).isEmpty();
        }
    }

    /** Waits until the run's history has this many lines. */
    private static Path awaitHistory(Path runs, int lines) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> found = Files.list(runs)) {
                    List<Path> histories = found.map(run -> run.resolve("history.jsonl")).filter(Files::exists).toList();
                    if (!histories.isEmpty() && Files.readAllLines(histories.get(0)).size() >= lines) {
                        return histories.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no history of " + lines + " lines under " + runs);
    }
}
