package dev.faultline.checker.linear;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code linearizable} checker: is there a total order of the operations, consistent with
 * real time, in which every operation's result is what the model gives? Each key is checked on
 * its own (P-compositionality) unless told otherwise; see {@link WglSearch} for the engine,
 * {@link ZoneCheck} for the fast path, {@link Pruning} for the speed techniques and
 * {@link WitnessBuilder} for what a violation reports.
 *
 * <p>Options ({@link CheckerOptions}): {@code model} ({@code auto} or one of {@link Models#NAMES};
 * default auto), {@code initial} (JSON; default the model's own), {@code nil-read}
 * ({@code absent}|{@code unknown}; default absent), {@code failed-cas}
 * ({@code no-effect}|{@code compare-failed}; default no-effect), {@code partition} (default true).
 */
public final class LinearizableChecker implements Checker {
    public static final String NAME = "linearizable";

    private final String modelName;
    private final Semantics semantics;
    private final boolean partitionByKey;
    private final Pruning pruning;

    /**
     * @param modelName {@code auto} or a model name
     * @param partitionByKey check each key on its own; otherwise the whole history as one object
     * @throws IllegalArgumentException for an unknown model or an initial value it cannot hold
     */
    public LinearizableChecker(String modelName, Semantics semantics, boolean partitionByKey, Pruning pruning) {
        this.modelName = modelName;
        this.semantics = semantics;
        this.partitionByKey = partitionByKey;
        this.pruning = pruning;
        if (!modelName.equals("auto")) {
            Models.create(modelName, semantics);
        }
    }

    /** The checker as configured on the command line. */
    public static LinearizableChecker fromOptions(CheckerOptions options) {
        List<String> models = new ArrayList<>();
        models.add("auto");
        models.addAll(Models.NAMES);
        String model = options.choice("model", "auto", models.toArray(String[]::new));
        Semantics.NilRead nilRead = options.choice("nil-read", "absent", "absent", "unknown").equals("absent")
                ? Semantics.NilRead.ABSENT : Semantics.NilRead.UNKNOWN;
        Semantics.FailedCas failedCas = options.choice("failed-cas", "no-effect", "no-effect", "compare-failed").equals("no-effect")
                ? Semantics.FailedCas.NO_EFFECT : Semantics.FailedCas.COMPARE_FAILED;
        Object initial = options.has("initial") ? parseJson(options.string("initial", null)) : Semantics.MODEL_DEFAULT;
        return new LinearizableChecker(model, new Semantics(initial, nilRead, failedCas), options.flag("partition", true),
                Pruning.ALL);
    }

    private static Object parseJson(String text) {
        try {
            return Values.canonical(new ObjectMapper().readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--initial must be a JSON value (e.g. 0, null, \"\", [], {}), was " + text);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        long startNanos = System.nanoTime();
        List<Operation> operations = history.operations();
        String chosen = modelName.equals("auto") ? Models.infer(operations) : modelName;
        Model<?> model = Models.create(chosen, semantics);
        boolean keyed = operations.stream().anyMatch(operation -> operation.key() != null);
        Model<?> searched = !partitionByKey && keyed ? new KeyedModel<>(model) : model;
        List<Partition> partitions = Partitioner.partitions(history, searched, partitionByKey);

        AtomicBoolean failed = new AtomicBoolean();
        WglSearch.StopSignal stop = () -> {
            if (failed.get() || context.isCancelled()) {
                throw new SearchStopped(SearchStopped.Reason.CANCELLED);
            }
            if (context.isExpired()) {
                throw new SearchStopped(SearchStopped.Reason.TIME);
            }
        };
        MemoryBudget budget = new MemoryBudget(context.memoryLimitBytes());
        PartitionCheck check = new PartitionCheck(history, searched, pruning, budget, context.timeLimit(), stop, failed);
        List<PartitionVerdict> verdicts = PartitionRunner.run(partitions, context.threads(), check::check, failed);
        return compose(chosen, partitions, verdicts, System.nanoTime() - startNanos);
    }

    private Verdict compose(String model, List<Partition> partitions, List<PartitionVerdict> verdicts, long elapsedNanos) {
        Map<String, Object> stats = stats(model, partitions, verdicts, elapsedNanos);
        List<Anomaly> anomalies = new ArrayList<>();
        PartitionVerdict undecided = null;
        int decided = 0;
        for (PartitionVerdict verdict : verdicts) {
            if (verdict.validity() == Validity.FALSE) {
                anomalies.add(verdict.anomaly());
            } else if (verdict.validity() == Validity.UNKNOWN) {
                if (undecided == null || undecided.stopReason() == SearchStopped.Reason.CANCELLED) {
                    undecided = verdict;
                }
            } else {
                decided++;
            }
        }
        if (!anomalies.isEmpty()) {
            anomalies.sort((a, b) -> Integer.compare(a.ops().get(0), b.ops().get(0)));
            return Verdict.invalid(NAME, anomalies, stats);
        }
        if (undecided != null) {
            return Verdict.unknown(NAME, undecided.cause() + " (" + decided + " of " + partitions.size()
                    + (partitions.size() == 1 ? " partition" : " partitions") + " decided)", stats);
        }
        return Verdict.valid(NAME, stats);
    }

    private static Map<String, Object> stats(String model, List<Partition> partitions, List<PartitionVerdict> verdicts,
            long elapsedNanos) {
        long operations = partitions.stream().mapToLong(Partition::size).sum();
        long configurations = 0;
        long memoHits = 0;
        long deadEnds = 0;
        long memoEntries = 0;
        long states = 0;
        long zones = 0;
        long leftOut = 0;
        for (PartitionVerdict verdict : verdicts) {
            configurations += verdict.stats().configurations();
            memoHits += verdict.stats().memoHits();
            deadEnds += verdict.stats().deadEnds();
            memoEntries += verdict.stats().memoEntries();
            states += verdict.stats().states();
            zones += verdict.decidedByZones() ? 1 : 0;
            leftOut += verdict.leftOut();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("model", model);
        stats.put("partitions", (long) partitions.size());
        stats.put("operations", operations);
        stats.put("partitionsByZones", zones);
        stats.put("configurations", configurations);
        stats.put("memoHits", memoHits);
        stats.put("deadEnds", deadEnds);
        stats.put("memoEntries", memoEntries);
        stats.put("states", states);
        stats.put("infoLeftOut", leftOut);
        stats.put("elapsedMillis", elapsedNanos / 1_000_000);
        return stats;
    }
}
