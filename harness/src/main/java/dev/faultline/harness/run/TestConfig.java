package dev.faultline.harness.run;

import dev.faultline.harness.generator.SplitRandom;
import dev.faultline.harness.workload.Workload;
import dev.faultline.harness.workload.WorkloadOptions;
import dev.faultline.harness.workload.Workloads;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.TargetChoice;
import dev.faultline.nemesis.schedule.FaultSchedule;
import dev.faultline.nemesis.schedule.NemesisScript;
import dev.faultline.nemesis.schedule.ScheduleConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything that defines a run (Jepsen's test map, typed and validated): the target, the
 * cluster size, the workload, the faults, the pace, the seed, the checkers. Built with
 * {@link #builder()} in Java or by {@code faultline test} from its options; {@link #build} checks
 * every field and says which one is wrong. Immutable.
 */
public record TestConfig(
        String name,
        String target,
        int nodeCount,
        String workload,
        Map<String, String> workloadOptions,
        Set<FaultKind> nemesis,
        Duration nemesisInterval,
        List<TargetChoice> nemesisTargets,
        ScriptFile nemesisScript,
        Duration timeLimit,
        int concurrency,
        double rate,
        long seed,
        List<String> checkers,
        List<String> bugs,
        Map<String, String> targetOptions,
        Duration requestTimeout,
        Duration quiescence,
        Duration finalPhaseLimit,
        Duration checkTimeLimit,
        Path store,
        List<String> argv,
        boolean netns) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(5);

    public TestConfig {
        workloadOptions = Map.copyOf(workloadOptions);
        nemesis = nemesis.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(nemesis));
        nemesisTargets = List.copyOf(nemesisTargets);
        checkers = List.copyOf(checkers);
        bugs = List.copyOf(bugs);
        targetOptions = Map.copyOf(targetOptions);
        argv = List.copyOf(argv);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A nemesis script as read: where from (for messages and the command line) and its text (for test.json). */
    public record ScriptFile(Path path, String text) {
        public ScriptFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(text, "text");
        }

        NemesisScript parse(List<String> nodes) {
            return NemesisScript.parse(text, path.toString(), nodes);
        }
    }

    /** The node names: n1, n2, ... */
    public List<String> nodes() {
        return nodesOf(nodeCount);
    }

    private static List<String> nodesOf(int nodeCount) {
        List<String> nodes = new ArrayList<>(nodeCount);
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add("n" + i);
        }
        return nodes;
    }

    /** The workload, built from its name and options. */
    public Workload createWorkload() {
        return Workloads.create(workload, WorkloadOptions.of(workloadOptions));
    }

    /** The fault schedule's configuration: the main phase's length, the faults and their pace. */
    public ScheduleConfig scheduleConfig() {
        ScheduleConfig defaults = ScheduleConfig.of(nodes(), nemesis, nemesisInterval.toNanos(), timeLimit.toNanos());
        return new ScheduleConfig(defaults.nodes(), defaults.kinds(), defaults.intervalNanos(), defaults.durationNanos(),
                nemesisTargets, defaults.shapes(), defaults.compoundProbability());
    }

    /**
     * The fault schedule: the nemesis script's when there is one, else drawn from the seed with
     * {@link #scheduleConfig()}.
     */
    public FaultSchedule schedule() {
        if (nemesisScript != null) {
            return nemesisScript.parse(nodes()).schedule(nodes(), timeLimit.toNanos());
        }
        return FaultSchedule.plan(scheduleConfig(), seedFor("nemesis"));
    }

    /** The seed of one component, derived from the run's seed. */
    public long seedFor(String component) {
        return SplitRandom.derive(seed, component);
    }

    /**
     * The {@code faultline test} command line that repeats this run: every option that shapes the
     * history, the seed included.
     */
    public List<String> commandLine() {
        List<String> args = new ArrayList<>(List.of("faultline", "test", "--name", name, "--target", target,
                "--nodes", Integer.toString(nodeCount), "--workload", workload));
        workloadOptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(option -> args.addAll(List.of("--workload-opt", option.getKey() + "=" + option.getValue())));
        if (nemesisScript != null) {
            args.addAll(List.of("--nemesis-script", nemesisScript.path().toString()));
        } else if (!nemesis.isEmpty()) {
            args.addAll(List.of("--nemesis", String.join(",", nemesis.stream().sorted().map(FaultKind::cliName).toList()),
                    "--nemesis-interval", seconds(nemesisInterval),
                    "--nemesis-targets", String.join(",", nemesisTargets.stream().map(TargetChoice::cliName).toList())));
        } else {
            args.addAll(List.of("--nemesis", "none")); // Without it, faultline test would inject its default faults.
        }
        args.addAll(List.of("--time-limit", seconds(timeLimit), "--concurrency", Integer.toString(concurrency),
                "--rate", rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate),
                "--seed", Long.toString(seed)));
        if (!requestTimeout.equals(REQUEST_TIMEOUT_DEFAULT)) {
            // It decides which operations end as info, so it shapes the history too.
            args.addAll(List.of("--request-timeout", Long.toString(requestTimeout.toMillis())));
        }
        if (!checkers.isEmpty()) {
            args.addAll(List.of("--checker", String.join(",", checkers)));
        }
        for (String bug : bugs) {
            args.addAll(List.of("--bug", bug));
        }
        if (netns) {
            args.add("--netns");
        }
        targetOptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(option -> args.addAll(List.of("--target-opt", option.getKey() + "=" + option.getValue())));
        return args;
    }

    /** The configuration as canonical values, for {@code test.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("target", target);
        fields.put("nodes", nodes());
        fields.put("workload", workload);
        fields.put("workload-options", createWorkload().describe());
        fields.put("nemesis", nemesis.stream().sorted().map(FaultKind::cliName).toList());
        fields.put("nemesis-interval-seconds", nemesisInterval.toMillis() / 1000.0);
        fields.put("nemesis-targets", nemesisTargets.stream().map(TargetChoice::cliName).toList());
        if (nemesisScript != null) {
            fields.put("nemesis-script", nemesisScript.path().toString());
            fields.put("nemesis-script-text", nemesisScript.text());
        }
        fields.put("time-limit-seconds", timeLimit.toMillis() / 1000.0);
        fields.put("concurrency", (long) concurrency);
        fields.put("rate", rate);
        fields.put("seed", seed);
        fields.put("checkers", checkers);
        fields.put("bugs", bugs);
        fields.put("target-options", new TreeMap<>(targetOptions));
        fields.put("request-timeout-millis", requestTimeout.toMillis());
        fields.put("quiescence-millis", quiescence.toMillis());
        fields.put("final-phase-limit-millis", finalPhaseLimit.toMillis());
        fields.put("check-time-limit-seconds", checkTimeLimit.toMillis() / 1000.0);
        fields.put("argv", argv);
        fields.put("netns", netns);
        return fields;
    }

    /**
     * A builder holding the configuration that {@link #describe()} wrote (a stored run's
     * {@code test.json}), so that a run can be made again with some settings changed
     * ({@code faultline shrink} replaces the nemesis and the time limit). The store and argv are
     * not part of a description: they stay at their defaults.
     *
     * @param source where the description comes from, for messages
     * @throws IllegalArgumentException {@code SOURCE: problem} naming the first field that is missing or wrong
     */
    public static Builder fromDescription(Map<String, Object> described, String source) {
        Description fields = new Description(described, source);
        Builder builder = builder().name(fields.text("name")).target(fields.text("target"))
                .nodeCount(fields.list("nodes").size()).workload(fields.text("workload"))
                .workloadOptions(fields.textMap("workload-options"))
                .nemesis(fields.list("nemesis").stream().map(kind -> FaultKind.fromCliName(kind).orElseThrow(
                        () -> fields.problem("nemesis", kind))).collect(Collectors.toSet()))
                .nemesisInterval(fields.seconds("nemesis-interval-seconds"))
                .nemesisTargets(fields.list("nemesis-targets").stream().map(target -> TargetChoice.fromCliName(target)
                        .orElseThrow(() -> fields.problem("nemesis-targets", target))).toList())
                .timeLimit(fields.seconds("time-limit-seconds")).concurrency(fields.number("concurrency").intValue())
                .rate(fields.number("rate").doubleValue()).seed(fields.number("seed").longValue()).checkers(fields.list("checkers"))
                .bugs(fields.list("bugs")).targetOptions(fields.textMap("target-options"))
                .requestTimeout(fields.millis("request-timeout-millis")).quiescence(fields.millis("quiescence-millis"))
                .finalPhaseLimit(fields.millis("final-phase-limit-millis"))
                .checkTimeLimit(fields.seconds("check-time-limit-seconds"));
        if (described.get("netns") instanceof Boolean netns) {
            builder.netns(netns);  // absent from runs made before netns mode: local mode
        }
        if (described.containsKey("nemesis-script-text")) {
            builder.nemesisScript(new ScriptFile(Path.of(fields.text("nemesis-script")), fields.text("nemesis-script-text")));
        }
        return builder;
    }

    /** The fields of a description, each read as the type {@link #describe()} wrote. */
    private record Description(Map<String, Object> fields, String source) {
        Object field(String name) {
            Object value = fields.get(name);
            if (value == null) {
                throw new IllegalArgumentException(source + ": no " + name);
            }
            return value;
        }

        IllegalArgumentException problem(String name, Object value) {
            return new IllegalArgumentException(source + ": " + name + " has an unexpected value: " + value);
        }

        String text(String name) {
            if (!(field(name) instanceof String text)) {
                throw problem(name, field(name));
            }
            return text;
        }

        Number number(String name) {
            if (!(field(name) instanceof Number number)) {
                throw problem(name, field(name));
            }
            return number;
        }

        Duration seconds(String name) {
            return Duration.ofMillis(Math.round(number(name).doubleValue() * 1000));
        }

        Duration millis(String name) {
            return Duration.ofMillis(number(name).longValue());
        }

        List<String> list(String name) {
            if (!(field(name) instanceof List<?> list)) {
                throw problem(name, field(name));
            }
            return list.stream().map(String::valueOf).toList();
        }

        Map<String, String> textMap(String name) {
            if (!(field(name) instanceof Map<?, ?> map)) {
                throw problem(name, field(name));
            }
            Map<String, String> texts = new LinkedHashMap<>();
            map.forEach((key, value) -> texts.put(key.toString(), String.valueOf(value)));
            return texts;
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    /** Builds a {@link TestConfig}; every field has a default but the target. */
    public static final class Builder {
        private String name;
        private String target;
        private int nodeCount = 5;
        private String workload = "register";
        private Map<String, String> workloadOptions = Map.of();
        private Set<FaultKind> nemesis = Set.of();
        private Duration nemesisInterval = Duration.ofSeconds(10);
        private List<TargetChoice> nemesisTargets = List.of(TargetChoice.values());
        private ScriptFile nemesisScript;
        private Duration timeLimit = Duration.ofSeconds(60);
        private Integer concurrency;
        private double rate = 100;
        private Long seed;
        private List<String> checkers = List.of();
        private List<String> bugs = List.of();
        private Map<String, String> targetOptions = Map.of();
        private Duration requestTimeout = REQUEST_TIMEOUT_DEFAULT;
        private Duration quiescence = Duration.ofSeconds(5);
        private Duration finalPhaseLimit = Duration.ofSeconds(60);
        private Duration checkTimeLimit = Duration.ofMinutes(5);
        private Path store = Path.of("store");
        private List<String> argv = List.of();
        private boolean netns;

        private Builder() {}

        /** The test's name, the store directory it goes in; default {@code <target>-<workload>}. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder target(String value) {
            this.target = value;
            return this;
        }

        /** How many nodes; default 5. */
        public Builder nodeCount(int value) {
            this.nodeCount = value;
            return this;
        }

        /** register (default), kv, set or append. */
        public Builder workload(String value) {
            this.workload = value;
            return this;
        }

        public Builder workloadOptions(Map<String, String> value) {
            this.workloadOptions = value;
            return this;
        }

        /** The kinds of fault to inject; default none. */
        public Builder nemesis(Set<FaultKind> value) {
            this.nemesis = value;
            return this;
        }

        /** The mean length of a fault window and of the recovery after it; default 10 s. */
        /** A nemesis script, which replaces the random schedule; null for none. */
        public Builder nemesisScript(ScriptFile value) {
            this.nemesisScript = value;
            return this;
        }

        public Builder nemesisInterval(Duration value) {
            this.nemesisInterval = value;
            return this;
        }

        /** Which nodes kill, pause, power loss, clock and link faults may hit; default every choice. */
        public Builder nemesisTargets(List<TargetChoice> value) {
            this.nemesisTargets = value;
            return this;
        }

        /** The main phase's length; default 60 s. */
        public Builder timeLimit(Duration value) {
            this.timeLimit = value;
            return this;
        }

        /** How many worker threads; default two per node. */
        public Builder concurrency(int value) {
            this.concurrency = value;
            return this;
        }

        /** Operations per second over all workers; 0 for as fast as they go; default 100. */
        public Builder rate(double value) {
            this.rate = value;
            return this;
        }

        /** The seed; default a fresh random one, printed and stored. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Checker names; default the workload's checkers that are available. */
        public Builder checkers(List<String> value) {
            this.checkers = value;
            return this;
        }

        /** Planted bugs to switch on in the target. */
        public Builder bugs(List<String> value) {
            this.bugs = value;
            return this;
        }

        public Builder targetOptions(Map<String, String> value) {
            this.targetOptions = value;
            return this;
        }

        /** How long a client waits for an answer; default 5 s. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** The most to wait for the cluster to settle after the final heal; default 5 s. */
        public Builder quiescence(Duration value) {
            this.quiescence = value;
            return this;
        }

        /** The most the final reads may take; default 60 s. */
        public Builder finalPhaseLimit(Duration value) {
            this.finalPhaseLimit = value;
            return this;
        }

        /** The time budget of the checkers; default 5 minutes. */
        public Builder checkTimeLimit(Duration value) {
            this.checkTimeLimit = value;
            return this;
        }

        /** The store's root directory; default {@code store}. */
        public Builder store(Path value) {
            this.store = value;
            return this;
        }

        /** The command line the run came from, for {@code test.json}. */
        public Builder argv(List<String> value) {
            this.argv = value;
            return this;
        }

        /** Whether the nodes run in network namespaces of their own ({@code --netns}): part of how to repeat the run. */
        public Builder netns(boolean value) {
            this.netns = value;
            return this;
        }

        /**
         * The validated configuration.
         *
         * @throws IllegalArgumentException naming the first field that is wrong
         */
        public TestConfig build() {
            requireText("target", target);
            String testName = name != null ? name : target + "-" + workload;
            if (!NAME.matcher(testName).matches()) {
                throw new IllegalArgumentException("the test name must be letters, digits, '.', '_' or '-', was " + testName);
            }
            require(nodeCount >= 1 && nodeCount <= 99, "--nodes must be within [1, 99], was " + nodeCount);
            int workers = concurrency != null ? concurrency : 2 * nodeCount;
            require(workers >= nodeCount, "--concurrency must be at least the node count (" + nodeCount
                    + "), so that every node has a client, was " + workers);
            require(workers <= 10_000, "--concurrency must be at most 10000, was " + workers);
            require(rate >= 0 && !Double.isInfinite(rate) && !Double.isNaN(rate), "--rate must be >= 0, was " + rate);
            requirePositive("--time-limit", timeLimit);
            requirePositive("--nemesis-interval", nemesisInterval);
            requirePositive("request timeout", requestTimeout);
            requirePositive("final phase limit", finalPhaseLimit);
            requirePositive("check time limit", checkTimeLimit);
            require(!quiescence.isNegative(), "quiescence must be >= 0");
            Objects.requireNonNull(store, "store");
            long runSeed = seed != null ? seed : new SecureRandom().nextLong();
            Set<FaultKind> faults = nemesisScript != null ? nemesisScript.parse(nodesOf(nodeCount)).schedule(
                    nodesOf(nodeCount), timeLimit.toNanos()).kinds() : nemesis;
            TestConfig config = new TestConfig(testName, target, nodeCount, workload, workloadOptions, faults,
                    nemesisInterval, nemesisTargets, nemesisScript, timeLimit, workers, rate, runSeed, checkers, bugs, targetOptions,
                    requestTimeout, quiescence, finalPhaseLimit, checkTimeLimit, store, argv, netns);
            config.createWorkload();
            config.scheduleConfig();
            return config;
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        private static void requireText(String field, String value) {
            require(value != null && !value.isBlank(), "a " + field + " is required");
        }

        private static void requirePositive(String field, Duration value) {
            require(value != null && !value.isNegative() && !value.isZero(), field + " must be positive, was " + value);
        }
    }
}
