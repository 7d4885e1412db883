package dev.faultline.harness.cli;

import dev.faultline.harness.RunFailedException;
import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.compare.Comparison;
import dev.faultline.harness.compare.ComparisonStore;
import dev.faultline.harness.compare.ComparisonText;
import dev.faultline.harness.compare.Expectation;
import dev.faultline.harness.compare.ModelLadder;
import dev.faultline.harness.compare.SystemResult;
import dev.faultline.harness.compare.SystemSpec;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.run.RunOutcome;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.run.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline compare}: the same test against several systems, each checked against a ladder of models. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Compares systems side by side: runs faultline test once per --system with the same settings and the same seed (so the same operations and the same fault schedule; timing still differs, since each system runs its own cluster), one after another, each in its own run directory of the store, and checks every run against a ladder of consistency models that fits the workload:",
            "  register, kv (cas-percent=0): linearizable, sequential, causal (cc), session (ryw, mr, mw, wfr), staleness (no stale reads), convergence (model register);",
            "  register, kv with cas: linearizable, sequential (the other checkers handle read and write only);",
            "  set: causal (visibility), convergence (model set);  append: causal (lists).",
            "",
            "Prints the matrix of verdicts (valid, INVALID with the number of anomalies, unknown), the strongest model each system kept (linearizable ⇒ sequential ⇒ causal ⇒ session guarantees; below them what eventual consistency it showed: converged or not, acknowledged writes lost, stale reads), and each invalid cell's first witness with its link into the run's report.html.",
            "",
            "Writes store/compare/<yyyyMMdd-HHmmss>/: compare.txt (the matrix and witnesses as printed), compare.json (per system the run directory, the strongest model, each verdict and its witness operations) and compare.html (the matrix, self-contained; each invalid cell links to its witness in the run's report.html and shows its explanation on hover). store/compare/latest points at the newest comparison; the runs are normal runs of the store.",
            "",
            "A system is a target of faultline node (raft, zab, paxos, gossip, memory, with their target options) or zookeeper, a real Apache ZooKeeper 3.9.5 ensemble started on this machine as faultline test starts it, with read=plain (getData on the connected server; the default), read=sync (sync, then getData) or read=barrier (a quorum write, then getData); it takes the register and kv workloads and partition, kill, pause and link faults only, so without --nemesis a comparison that has a zookeeper system leaves clock out for every system (the same schedule for all), and a --nemesis naming a kind it cannot take is refused. E.g. --system zk-sync=zookeeper:read=sync --system zk-plain=zookeeper:read=plain --system zab=zab:read=local --nemesis partition,pause,link.",
            "",
            "Every --system, target option and --expect is checked before anything starts (a target, option or fault kind a system refuses is one line naming the system). A run that cannot be made (a target that does not start) is reported in the matrix as such, keeps its logs, and the other systems still run. Ctrl-C stops the run in progress (healed, checked) and skips the rest.",
            "",
            "Exit codes: 0 every run made and checked, whatever the verdicts (they are the findings); 1 an --expect failed (the model is invalid); 255 a run could not be made; 2 an --expect could not be decided (unknown); 254 bad arguments."
        })
final class CompareCommand implements Callable<Integer> {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._/=:,@%+-]+");

    @Spec
    CommandSpec spec;

    @Option(names = "--system", paramLabel = "[LABEL=]TARGET[:KEY=VALUE,...]", required = true,
            description = "A system to compare (repeatable, in the matrix's order): a target of faultline node with its target options, e.g. raft, zab:read=local, gossip:w=1,r=1,read-from=r, gossip:mode=abd, or zookeeper with read=plain|sync|barrier, e.g. zookeeper:read=sync; with an optional label, 'zab-local=zab:read=local'. Without one the spec is its label. Labels must differ.")
    List<String> systems = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "LABEL=MODEL",
            description = "An assertion for CI (repeatable): the system with that label keeps that model (linearizable, sequential, causal, session, staleness, convergence; one the workload's ladder checks), e.g. raft=linearizable, zab-local=sequential. Exit 1 when one is invalid, 2 when one is unknown.")
    List<String> expectations = new ArrayList<>();

    @Mixin
    RunOptions run;

    @Mixin
    NetnsOption netns;

    @Override
    @SuppressWarnings("try") // The hook only has to be in place while the runs go.
    public Integer call() throws Exception {
        List<String> argv = List.copyOf(spec.commandLine().getParseResult().originalArgs());
        long seed = run.seed() != null ? run.seed() : new SecureRandom().nextLong();
        Map<SystemSpec, SystemRun> runs = systemRuns(argv, seed);
        TestConfig first = runs.values().iterator().next().config();
        ModelLadder ladder = ModelLadder.of(first.createWorkload());
        List<String> labels = runs.keySet().stream().map(SystemSpec::label).toList();
        List<Expectation> expected = expectations.stream().map(text -> Expectation.parse(text, labels, ladder)).toList();

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("faultline compare: %d systems (%s), workload %s, seed %d, models %s%n", runs.size(),
                String.join(", ", labels), first.workload(), seed, String.join(", ", ladder.checkers()));
        out.flush();
        LocalDateTime start = LocalDateTime.now();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<TestRunner> current = new AtomicReference<>();
        List<SystemResult> results = new ArrayList<>();
        try (InterruptHook hook = new InterruptHook(err, () -> {
            interrupted.set(true);
            Optional.ofNullable(current.get()).ifPresent(TestRunner::abort);
        })) {
            int number = 0;
            for (Map.Entry<SystemSpec, SystemRun> system : runs.entrySet()) {
                number++;
                if (interrupted.get()) {
                    results.add(SystemResult.failed(system.getKey(), Optional.empty(), "not run: interrupted"));
                    continue;
                }
                out.printf("[%d/%d] %s: %s%n", number, runs.size(), system.getKey().label(),
                        String.join(" ", system.getValue().config().commandLine()));
                out.flush();
                TestRunner runner = runner(system.getValue(), err);
                current.set(runner);
                results.add(runOne(system.getKey(), runner, out));
            }
            Comparison comparison = new Comparison(command(argv, seed), settings(first), ladder, results, expected);
            Path directory = ComparisonStore.write(run.store.directory(), comparison, start);
            ComparisonText.print(out, comparison, directory);
            out.printf("compare: %s%n", directory.resolve("compare.html"));
            int exit = exitCode(comparison);
            out.printf("exit %d%n", exit);
            out.flush();
            return exit;
        }
    }

    /** A system's run: its configuration and the launcher made (and so checked) for it before any run starts. */
    record SystemRun(TestConfig config, ClusterLauncher launcher) {}

    /** One run per system, every one checked before any starts. */
    Map<SystemSpec, SystemRun> systemRuns(List<String> argv, long seed) throws InterruptedException {
        List<SystemSpec> specs = systems.stream().map(SystemSpec::parse).toList();
        List<String> targets = specs.stream().map(SystemSpec::target).toList();
        Map<SystemSpec, SystemRun> runs = new LinkedHashMap<>();
        Set<String> labels = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String text = systems.get(i);
            SystemSpec system = specs.get(i);
            if (!labels.add(system.label())) {
                throw new UserInputException("--system " + text + ": the label " + system.label()
                        + " is taken; give one of the two another with LABEL=TARGET:...");
            }
            String name = system.runName(run.workload);
            if (!names.add(name)) {
                throw new UserInputException("--system " + text + ": its runs would share the store name " + name
                        + " with another system's; give it a label");
            }
            TestConfig.Builder config = run.builder(argv, targets).seed(seed).target(system.target()).targetOptions(system.options())
                    .name(name).netns(netns.netns);
            TestConfig checked = config.checkers(ModelLadder.of(config.build().createWorkload()).checkers()).build();
            try {
                runs.put(system, new SystemRun(checked, Launchers.local(checked)));
            } catch (UserInputException | IllegalArgumentException e) {
                throw new UserInputException("--system " + text + ": " + e.getMessage(), e);
            }
        }
        return runs;
    }

    private TestRunner runner(SystemRun system, PrintWriter err) {
        return new TestRunner(system.config(), system.launcher(), CheckerSource.registry(), err, run.progressInterval());
    }

    /** Makes and checks one system's run; a run that fails is a result too, and the comparison goes on. */
    private static SystemResult runOne(SystemSpec system, TestRunner runner, PrintWriter out) throws Exception {
        try {
            RunOutcome outcome = runner.run();
            RunSummary.print(out, outcome.directory().path().toString(), outcome.analysis());
            return SystemResult.checked(system, outcome.directory().path(), outcome.analysis().verdicts());
        } catch (RunFailedException e) {
            out.printf("%s: %s%n", system.label(), e.getMessage());
            out.flush();
            return SystemResult.failed(system, e.directory(), e.getMessage());
        }
    }

    /** The settings every run shared: a run's configuration without what is its own. */
    private static Map<String, Object> settings(TestConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>(config.describe());
        settings.keySet().removeAll(List.of("name", "target", "target-options", "bugs", "checkers", "argv"));
        return settings;
    }

    /** The command that repeats the comparison: as given, with the seed. */
    private String command(List<String> argv, long seed) {
        List<String> words = new ArrayList<>(List.of("faultline", "compare"));
        argv.stream().map(word -> SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'")
                .forEach(words::add);
        if (run.seed() == null) {
            words.addAll(List.of("--seed", Long.toString(seed)));
        }
        return String.join(" ", words);
    }

    /** A broken expectation first, then a run not made, then an undecided expectation. */
    private static int exitCode(Comparison comparison) {
        if (comparison.anyExpectation(Expectation.Outcome.BROKEN)) {
            return ExitCodes.INVALID;
        }
        if (comparison.anyRunFailed()) {
            return ExitCodes.INTERNAL_ERROR;
        }
        return comparison.anyExpectation(Expectation.Outcome.UNDECIDED) ? ExitCodes.UNKNOWN : ExitCodes.VALID;
    }
}
