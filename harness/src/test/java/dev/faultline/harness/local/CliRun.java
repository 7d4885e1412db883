package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The faultline CLI run in the test's JVM with its output captured, for the end-to-end ITs. */
final class CliRun {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs the CLI with {@code args}; returns its exit code. */
    int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Kills by PID every child process of this JVM still alive, then fails if there was one. */
    static void assertNoNodeOutlivedTheTest() throws Exception {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) {
            process.onExit().get();
        }
        assertThat(left).as("node processes left running (now killed by PID)").isEmpty();
    }
}
