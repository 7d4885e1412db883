package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.run.RunOutcome;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.run.TestRunner;
import dev.faultline.harness.zookeeper.ReadMode;
import dev.faultline.harness.zookeeper.ZooKeeperClusterLauncher;
import dev.faultline.harness.zookeeper.ZooKeeperTarget;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.TargetChoice;
import dev.faultline.target.TargetRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline test}: one run against a local cluster, checked, stored. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs a test on this machine: starts --nodes processes of the target on 127.0.0.1 (faultline node, or ZooKeeper servers for --target zookeeper), drives --concurrency clients through the workload at --rate operations per second for --time-limit seconds while the nemesis injects faults, heals every fault, waits for the cluster to settle, reads every key on every node (final: true), stops every node, and checks the history.",
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
            description = "The system under test: a target of faultline node (raft, zab, paxos, gossip, memory, ping; see faultline node --help for their bugs and options), or zookeeper: a real Apache ZooKeeper 3.9.5 ensemble (QuorumPeerMain servers from this jar, peer links through faultline's TCP proxies; faults kill, pause, partition, link; workloads register and kv; --target-opt read=plain|sync|barrier). Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "5", description = "How many nodes. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "register",
            description = "register (read, write, cas on one key; checked for linearizability), kv (many independent keys, ops-per-key operations each by processes-per-key processes; linearizability per key), set (adds of unique elements and full reads; convergence), append (appends to lists and reads; causal). Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--workload-opt", paramLabel = "KEY=VALUE",
            description = "A workload option (repeatable): read-percent (all; default 50, set 10); cas-percent (register, kv; default half of what reads leave; 0 for stores without cas, checked with the plain register model); kv: ops-per-key (100), processes-per-key (2); append: keys (4), appends-per-key (32).")
    Map<String, String> workloadOptions = new LinkedHashMap<>();

    @Option(names = "--nemesis", paramLabel = "LIST", defaultValue = "partition,kill,pause,clock",
            description = "Faults to inject, comma-separated, or none: partition (random halves, isolate one node, isolate the leader, majority ring, bridge, one-way), kill (kill -9, then restart), pause (SIGSTOP, then SIGCONT), clock (bump, strobe or drift of the node clock; never the host's), power-loss (kill -9 losing unsynced writes), link (loss, delay with jitter, duplication or reordering of peer messages). Default: ${DEFAULT-VALUE} (for zookeeper: partition,kill,pause).")
    String nemesis;

    @Option(names = "--nemesis-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "The mean length of a fault window and of the recovery window after it. Default: ${DEFAULT-VALUE}.")
    double nemesisIntervalSeconds;

    @Option(names = "--nemesis-targets", paramLabel = "LIST", defaultValue = "one,minority,majority,leader,all",
            description = "Which nodes kill, pause, power-loss, clock and link faults may hit: one, minority, majority, leader, all. Default: ${DEFAULT-VALUE}.")
    String nemesisTargets;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "60",
            description = "The length of the main phase. Default: ${DEFAULT-VALUE}.")
    double timeLimitSeconds;

    @Option(names = "--concurrency", paramLabel = "C",
            description = "Worker threads, each a client bound to node (thread mod nodes); at least the node count. Default: twice the node count.")
    Integer concurrency;

    @Option(names = "--rate", paramLabel = "OPS", defaultValue = "100",
            description = "Operations per second over all workers, 0 for as fast as they go. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", paramLabel = "N",
            description = "The seed of every random choice of the controller (operations, fault schedule, node seeds). Default: random, printed, stored in test.json.")
    Long seed;

    @Option(names = "--checker", paramLabel = "LIST", split = ",",
            description = "Checkers to run. Default: the workload's checkers that this build has.")
    List<String> checkers = new ArrayList<>();

    @Mixin
    TargetSettingsOptions targetSettings;


    @Option(names = "--name", paramLabel = "NAME", description = "The test's name in the store. Default: TARGET-WORKLOAD.")
    String name;

    @Option(names = "--request-timeout", paramLabel = "MILLIS", defaultValue = "5000",
            description = "How long a client waits for an answer before recording info. Default: ${DEFAULT-VALUE}.")
    long requestTimeoutMillis;

    @Mixin
    StoreOption store;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines. Default: ${DEFAULT-VALUE}.")
    double progressSeconds;

    @Override
    public Integer call() throws Exception {
        TestConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TestRunner runner = new TestRunner(config, launcher(config), CheckerSource.registry(), err,
                seconds("--progress-interval", progressSeconds));
        CountDownLatch reported = new CountDownLatch(1);
        Thread interrupted = new Thread(() -> {
            err.println("faultline: interrupted: stopping the run, healing every fault, stopping every node");
            err.flush();
            runner.abort();
            try {
                // The JVM exits when this hook returns: let the run heal, stop, check and report.
                reported.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faultline-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            RunOutcome outcome = runner.run();
            if (!outcome.checkers().missing().isEmpty()) {
                out.printf("note: not in this build: %s%n", String.join(", ", outcome.checkers().missing()));
            }
            RunSummary.print(out, outcome.directory().path().toString(), outcome.analysis());
            out.printf("reproduce with: %s%n", String.join(" ", config.commandLine()));
            out.flush();
            return ExitCodes.of(outcome.valid());
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException exiting) {
                // The JVM is already exiting: the hook is running.
            }
        }
    }

    /**
     * Our own targets run as {@code faultline node} processes; a third-party target (ZooKeeper)
     * has a launcher of its own. Either way the settings are checked before anything starts.
     */
    private static ClusterLauncher launcher(TestConfig config) {
        if (config.target().equals(ZooKeeperTarget.NAME)) {
            ReadMode readMode = ZooKeeperTarget.check(config.targetOptions(), config.bugs(), config.nemesis(),
                    config.createWorkload().functions());
            return new ZooKeeperClusterLauncher(readMode, config.requestTimeout().toMillis(), config.seedFor("nodes"));
        }
        TargetRegistry.builtIn().find(config.target()).create(new LinkedHashSet<>(config.bugs()), config.targetOptions());
        return new LocalClusterLauncher(config.target(), config.bugs(), config.targetOptions(), config.seedFor("nodes"));
    }

    private TestConfig config() {
        TestConfig.Builder builder = TestConfig.builder().target(target).name(name).nodeCount(nodes).workload(workload)
                .workloadOptions(workloadOptions).nemesis(kinds()).nemesisInterval(seconds("--nemesis-interval", nemesisIntervalSeconds))
                .nemesisTargets(targetChoices()).timeLimit(seconds("--time-limit", timeLimitSeconds)).rate(rate)
                .checkers(checkers).bugs(targetSettings.bugs()).targetOptions(targetSettings.options())
                .requestTimeout(Duration.ofMillis(requestTimeoutMillis)).store(store.directory())
                .argv(List.copyOf(spec.commandLine().getParseResult().originalArgs()));
        if (concurrency != null) {
            builder.concurrency(concurrency);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        return builder.build();
    }

    private Set<FaultKind> kinds() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        if (nemesis.isBlank() || nemesis.strip().equals("none")) {
            return kinds;
        }
        for (String name : nemesis.split(",")) {
            kinds.add(FaultKind.fromCliName(name.strip()).orElseThrow(() -> new UserInputException(
                    "unknown --nemesis fault " + name.strip() + " (known: " + FaultKind.cliNames() + ", or none)")));
        }
        if (target.equals(ZooKeeperTarget.NAME) && !spec.commandLine().getParseResult().hasMatchedOption("--nemesis")) {
            kinds.retainAll(ZooKeeperTarget.FAULT_KINDS); // The default list, less what ZooKeeper cannot take (clock).
        }
        return kinds;
    }

    private List<TargetChoice> targetChoices() {
        List<TargetChoice> choices = new ArrayList<>();
        for (String name : nemesisTargets.split(",")) {
            choices.add(TargetChoice.fromCliName(name.strip()).orElseThrow(() -> new UserInputException(
                    "unknown --nemesis-targets choice " + name.strip() + " (known: " + TargetChoice.cliNames() + ")")));
        }
        return choices;
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserInputException(option + " must be a positive number of seconds, was " + value);
        }
        return Duration.ofNanos((long) (value * 1e9));
    }
}
