package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.TargetChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that shape a run's history — cluster size, workload, faults, pace, seed — and the
 * store it goes to, shared by {@code faultline test} (one run) and {@code faultline compare} (one
 * run per system, all with these same settings). What a run is run against (the target, its bugs
 * and options) and how it is checked stay with each command.
 */
public final class RunOptions {
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "5", description = "How many nodes; for faultline test with --nodes-file, as many as it names hosts. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "register",
            description = "register (read, write, cas on one key; checked for linearizability), kv (many independent keys, ops-per-key operations each by processes-per-key processes; linearizability per key), set (adds of unique elements and full reads; convergence), append (appends to lists and reads; causal). Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--workload-opt", paramLabel = "KEY=VALUE",
            description = "A workload option (repeatable): read-percent (all; default 50, set 10); cas-percent (register, kv; default half of what reads leave; 0 for stores without cas, checked with the plain register model); kv: ops-per-key (100), processes-per-key (2); append: keys (4), appends-per-key (32).")
    Map<String, String> workloadOptions = new LinkedHashMap<>();

    @Option(names = "--nemesis", paramLabel = "LIST", defaultValue = "partition,kill,pause,clock",
            description = "Faults to inject, comma-separated, or none: partition (random halves, isolate one node, isolate the leader, majority ring, bridge, one-way), kill (kill -9, then restart), pause (SIGSTOP, then SIGCONT), clock (bump, strobe or drift of the node clock; never the host's), power-loss (kill -9 losing unsynced writes), link (loss, delay with jitter, duplication or reordering of peer messages), disk (a slow disk: every fsync stalls 16 to 512 ms with half as much jitter, before its bytes are durable; with power-loss in the same window, writes acknowledged early are lost). Default: ${DEFAULT-VALUE} (for zookeeper, and for every system of a compare that has a zookeeper system: partition,kill,pause).")
    String nemesis;

    @Option(names = "--nemesis-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "The mean length of a fault window and of the recovery window after it. Default: ${DEFAULT-VALUE}.")
    double nemesisIntervalSeconds;

    @Option(names = "--nemesis-targets", paramLabel = "LIST", defaultValue = "one,minority,majority,leader,all",
            description = "Which nodes kill, pause, power-loss, clock, link and disk faults may hit: one, minority, majority, leader, all. Default: ${DEFAULT-VALUE}.")
    String nemesisTargets;

    @Option(names = "--nemesis-script", paramLabel = "FILE",
            description = "Apply the faults written in FILE instead of a random schedule (then --nemesis, --nemesis-interval and --nemesis-targets do not apply): one fault a line, 'START SECONDS FAULT TARGETS [KEY=VALUE ...]', e.g. '0 6 partition leader,leader+1 | leader+2' or '1 0.5 kill leader+1'; an optional line 'repeat SECONDS' runs the script again every SECONDS until the main phase ends. Targets: leader, leader+K (the K-th node after the leader in node order), others, all, or a node name, comma-separated; a partition cuts the group before '|' off from the group after it (or from every other node), or lists one-way cuts, e.g. 'n1<n2,n3; n2<n1' (n1 drops every message from n2 and n3, n2 from n1). Roles are read once per pass, when its first fault starts. Link faults take loss=P duplicate=P reorder=P delay=MS jitter=MS window=MS; clock faults bump=MS, rate=R or strobe=MS period=MS (for the line's length); disk faults delay=MS jitter=MS (fsync stalls). '#' starts a comment. docs/nemesis-scripts/ has examples.")
    Path nemesisScript;

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

    @Option(names = "--request-timeout", paramLabel = "MILLIS", defaultValue = "5000",
            description = "How long a client waits for an answer before recording info. Default: ${DEFAULT-VALUE}.")
    long requestTimeoutMillis;

    @Mixin
    StoreOption store;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines. Default: ${DEFAULT-VALUE}.")
    double progressSeconds;

    /** The command these options are mixed into, for which options were given. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The seed given, or null for a random one. */
    Long seed() {
        return seed;
    }

    /**
     * A configuration with these settings; the caller adds the target, its settings, the checkers and the name.
     *
     * @param targets the targets the configuration is for (one for test, every system's for compare): the default
     *     --nemesis leaves out the kinds one of them cannot take
     */
    TestConfig.Builder builder(List<String> argv, Collection<String> targets) {
        TestConfig.Builder builder = TestConfig.builder().nodeCount(nodes).workload(workload).workloadOptions(workloadOptions)
                .nemesis(kinds(targets)).nemesisInterval(seconds("--nemesis-interval", nemesisIntervalSeconds))
                .nemesisTargets(targetChoices()).nemesisScript(script()).timeLimit(seconds("--time-limit", timeLimitSeconds)).rate(rate)
                .requestTimeout(Duration.ofMillis(requestTimeoutMillis)).store(store.directory()).argv(argv);
        if (concurrency != null) {
            builder.concurrency(concurrency);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        return builder;
    }

    Duration progressInterval() {
        return seconds("--progress-interval", progressSeconds);
    }

    private TestConfig.ScriptFile script() {
        if (nemesisScript == null) {
            return null;
        }
        for (String option : List.of("--nemesis", "--nemesis-interval", "--nemesis-targets")) {
            if (command.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new UserInputException("--nemesis-script replaces the random schedule: drop " + option);
            }
        }
        try {
            return new TestConfig.ScriptFile(nemesisScript, Files.readString(nemesisScript));
        } catch (IOException e) {
            throw new UserInputException("cannot read the nemesis script " + nemesisScript + ": " + e.getMessage());
        }
    }

    /**
     * The fault kinds of --nemesis; when it was not given, the default less the kinds one of the
     * targets cannot take (zookeeper: clock), the same for every target so that the systems of a
     * comparison get the same fault schedule. Kinds named on purpose stay, for the target to refuse.
     */
    private Set<FaultKind> kinds(Collection<String> targets) {
        Set<FaultKind> kinds = kinds();
        if (!command.commandLine().getParseResult().hasMatchedOption("--nemesis")) {
            targets.forEach(target -> kinds.retainAll(Launchers.faultKinds(target)));
        }
        return kinds;
    }

    /** The fault kinds of --nemesis, as given. */
    private Set<FaultKind> kinds() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        if (nemesis.isBlank() || nemesis.strip().equals("none")) {
            return kinds;
        }
        for (String name : nemesis.split(",")) {
            kinds.add(FaultKind.fromCliName(name.strip()).orElseThrow(() -> new UserInputException(
                    "unknown --nemesis fault " + name.strip() + " (known: " + FaultKind.cliNames() + ", or none)")));
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
