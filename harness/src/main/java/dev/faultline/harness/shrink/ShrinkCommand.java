package dev.faultline.harness.shrink;

import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.RunFailedException;
import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cli.ExitCodes;
import dev.faultline.harness.cli.InterruptHook;
import dev.faultline.harness.cli.Launchers;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.run.RunOutcome;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.run.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline shrink RUN_DIR}: a failing run's faults, minimized to a replayable nemesis script. */
@Command(name = "shrink", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Finds the few faults a failing run needed. Writes the faults the run applied (faults.jsonl: when each began, on which nodes, with which parameters) as a nemesis script with node names and times instead of roles and a seed, then runs the run's own configuration (test.json: target, bugs, target options, workload, rate, concurrency, seed, checkers, ...) on this machine with that script as its nemesis:",
            "  (a) the whole script, up to --attempts times: if no attempt is found invalid by a checker that found the run invalid, the failure is not reproduced (exit 2; the script is still written);",
            "  (b) delta debugging over the faults (Zeller's ddmin: halves, complements, finer parts; a fault-free run last): a candidate fails when any of its --attempts attempts does, because a timing-dependent failure does not show every time;",
            "  (c) the main phase cut to just after the last kept fault's heal plus --tail seconds, if that still fails;",
            "  (d) the answer run again until it has had --attempts runs (budget allowing), so that minimal.txt says how often it fails, not only that it once did.",
            "",
            "Every attempt is an ordinary stored run (store/<name>-shrink-<candidate>/<time>/) whose witness can be read. RUN_DIR/shrink/ gets minimal.txt (the smallest failing script, headed by the source run, the command that replays it and how many attempts failed), shrink.json (every candidate: faults kept, time limit, attempts, verdicts, run directories) and candidate-N.txt (each candidate's script). A fault whose start failed in the run is left out and named in the header.",
            "",
            "How long: at most --max-runs runs, each as long as the run's main phase (shorter in step c) plus about 10 s to start, heal, read and check; ddmin needs about 2 × kept faults × log2(faults) candidates, each 1 to --attempts runs. A 60 s run with 10 faults and a failure that needs one fault takes about 10 runs, 12 minutes. Ctrl-C stops after the run in progress and writes the best script so far.",
            "",
            "Exit codes: 1 a minimal failing script was found (it reproduces the bug), 2 not reproduced, 254 bad input (not a run directory, a run that did not fail, a run without faults, a zookeeper run), 255 internal error."
        })
public final class ShrinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The failing run's directory, e.g. store/latest.")
    Path runDirectory;

    @Option(names = "--attempts", paramLabel = "K", defaultValue = "3",
            description = "Runs of each candidate before it counts as passing (it fails at its first invalid run). Default: ${DEFAULT-VALUE}.")
    int attempts;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "40",
            description = "The most runs in all; the shrink stops there with the smallest failing script so far. Default: ${DEFAULT-VALUE}.")
    int maxRuns;

    @Option(names = "--tail", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long the shortened main phase goes on after the last kept fault's heal (step c). Default: ${DEFAULT-VALUE}.")
    double tailSeconds;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The store the candidates' runs go to. Default: the store RUN_DIR is in (its grandparent).")
    Path store;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between the progress lines of each run. Default: ${DEFAULT-VALUE}.")
    double progressSeconds;

    @Override
    public Integer call() throws Exception {
        if (attempts < 1 || maxRuns < 1 || !(tailSeconds >= 0) || !(progressSeconds > 0)) {
            throw new UserInputException("--attempts and --max-runs must be at least 1, --tail at least 0 and --progress-interval above 0");
        }
        if (!Files.isDirectory(runDirectory)) {
            throw new UserInputException(runDirectory + ": no such run directory");
        }
        Path directory = runDirectory.toRealPath();
        ShrinkSource source = ShrinkSource.read(directory);
        Path storeRoot = store != null ? store : directory.getParent().getParent();
        Path output = directory.resolve("shrink");
        Files.createDirectories(output);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("shrink: %s: %d faults, failing %s; at most %d runs of %s s each (plus start and check)%n", directory,
                source.faults().applied().size(), String.join(",", source.failingCheckers()), maxRuns,
                Shrinker.seconds(source.original().timeLimit()));
        err.flush();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<TestRunner> current = new AtomicReference<>();
        try (InterruptHook hook = new InterruptHook(err, () -> {
            interrupted.set(true);
            TestRunner runner = current.get();
            if (runner != null) {
                runner.abort();
            }
        })) {
            Shrinker shrinker = new Shrinker(source, new RunBudget(attempts, maxRuns), Duration.ofMillis(Math.round(tailSeconds * 1000)),
                    config -> attempt(config, current, interrupted, err), output, storeRoot, err);
            Shrinker.Report report = shrinker.run();
            ShrinkOutput files = new ShrinkOutput(source, report, output, storeRoot);
            String replay = files.write();
            files.print(out, replay);
            return report.reproduced() ? ExitCodes.INVALID : ExitCodes.UNKNOWN;
        }
    }

    /** One run of a candidate, on this machine; a run that could not complete is an attempt that did not fail. */
    private Shrinker.Attempt attempt(TestConfig config, AtomicReference<TestRunner> current, AtomicBoolean interrupted,
            PrintWriter err) throws Exception {
        if (interrupted.get()) {
            throw new InterruptedException("interrupted");
        }
        TestRunner runner = new TestRunner(config, Launchers.local(config), CheckerSource.registry(), err,
                Duration.ofMillis(Math.round(progressSeconds * 1000)));
        current.set(runner);
        try {
            RunOutcome outcome = runner.run();
            List<String> invalid = outcome.analysis().verdicts().stream().filter(verdict -> verdict.valid() == Validity.FALSE)
                    .map(Verdict::checker).toList();
            return new Shrinker.Attempt(outcome.directory().path(), outcome.valid(), invalid, null);
        } catch (RunFailedException e) {
            return new Shrinker.Attempt(e.directory().orElse(null), null, List.of(), e.getMessage());
        } finally {
            current.set(null);
        }
    }
}
