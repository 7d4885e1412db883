package dev.faultline.harness.local;

import dev.faultline.harness.cli.Main;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.schedule.FaultSchedule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * What the end-to-end tests of {@code faultline test} share: the CLI run in the test's JVM, the
 * node processes it may leave behind (stopped by PID), and a seed whose fault schedule holds the
 * kinds a test wants, so that a test does not depend on luck.
 */
final class LocalRuns {
    private LocalRuns() {}

    /** Runs {@code faultline ARGS} in this JVM with its output in {@code out} and {@code err}; returns the exit code. */
    static int faultline(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Kills (by PID) every child process of this JVM still alive, waits for each to end, and returns them. */
    static List<ProcessHandle> stopLeftoverNodes() throws Exception {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) {
            process.onExit().get();
        }
        return left;
    }

    /** The first seed from 1 whose (deterministic) fault schedule for {@code run} holds exactly {@code kinds}. */
    static long seedCovering(Set<FaultKind> kinds, TestConfig.Builder run) {
        for (long seed = 1; ; seed++) {
            TestConfig config = run.nemesis(kinds).seed(seed).build();
            Set<FaultKind> planned = FaultSchedule.plan(config.scheduleConfig(), config.seedFor("nemesis")).faults().stream()
                    .map(fault -> fault.plan().kind()).collect(Collectors.toSet());
            if (planned.equals(kinds)) {
                return seed;
            }
        }
    }
}
