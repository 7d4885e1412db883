package dev.faultline.harness.cli;

import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.run.RunOutcome;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.run.TestRunner;
import dev.faultline.target.TargetRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline test}: one run against a local cluster, checked, stored. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs a test on this machine: starts --nodes processes of the target on 127.0.0.1 (faultline node), drives --concurrency clients through the workload at --rate operations per second for --time-limit seconds while the nemesis injects faults, heals every fault, waits for the cluster to settle, reads every key on every node (final: true), stops every node, and checks the history.",
            "",
            "Everything goes to store/<name>/<yyyyMMdd-HHmmss>/: test.json (configuration, seed, version, commit, argv, outcome), history.jsonl (streamed as the run goes), faults.jsonl (every fault as applied, on the history's clock), results.json, nodes/<node>/ (node.log, status.json, status.jsonl: the role, term and leader whenever they change, data). store/latest points at the newest run. A progress line goes to standard error every few seconds; the summary and the command that repeats the run go to standard output.",
            "",
            "Faults come in windows of about --nemesis-interval seconds, each followed by a recovery window of about as long; a window sometimes combines two kinds. Every fault is healed before the final phase, also when the run fails or is interrupted (Ctrl-C stops the run early, heals, and still checks what was recorded).",
            "",
            "Exit codes: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 the run could not complete (the target did not start, ...)."
        })
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "raft",
            description = "The system under test: a target of faultline node (see faultline node --help). Default: ${DEFAULT-VALUE}.")
    String target;

    @Mixin
    RunOptions run;

    @Option(names = "--checker", paramLabel = "LIST", split = ",",
            description = "Checkers to run. Default: the workload's checkers that this build has.")
    List<String> checkers = new ArrayList<>();

    @Mixin
    TargetSettingsOptions targetSettings;

    @Option(names = "--name", paramLabel = "NAME", description = "The test's name in the store. Default: TARGET-WORKLOAD.")
    String name;

    @Override
    @SuppressWarnings("try") // The hook only has to be in place while the run goes.
    public Integer call() throws Exception {
        TestConfig config = run.builder(List.copyOf(spec.commandLine().getParseResult().originalArgs())).target(target)
                .name(name).checkers(checkers).bugs(targetSettings.bugs()).targetOptions(targetSettings.options()).build();
        TargetRegistry.builtIn().find(config.target()).create(new LinkedHashSet<>(config.bugs()), config.targetOptions());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TestRunner runner = new TestRunner(config,
                new LocalClusterLauncher(config.target(), config.bugs(), config.targetOptions(), config.seedFor("nodes")),
                CheckerSource.registry(), err, run.progressInterval());
        try (InterruptHook interrupted = new InterruptHook(err, runner::abort)) {
            RunOutcome outcome = runner.run();
            if (!outcome.checkers().missing().isEmpty()) {
                out.printf("note: not in this build: %s%n", String.join(", ", outcome.checkers().missing()));
            }
            RunSummary.print(out, outcome.directory().path().toString(), outcome.analysis());
            out.printf("reproduce with: %s%n", String.join(" ", config.commandLine()));
            out.flush();
            return ExitCodes.of(outcome.valid());
        }
    }
}
