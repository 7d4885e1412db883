package dev.faultline.checker.eventual;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.Guarded;
import dev.faultline.checker.graph.InitialValue;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code convergence}: after every fault is healed, do the nodes' final reads agree, and is what
 * they agree on acceptable? (notes §5, §9.4). Every key is its own object; each node's last
 * successful final read ({@code final: true}, with a {@code node}) decides.
 *
 * <ul>
 *   <li>{@code divergent}: the nodes' final reads of a key disagree; the witness is the
 *       node-by-value table ({@link Divergence}).
 *   <li>{@code --model set}: {@code lost}, {@code unexpected}, {@code duplicated}, plus recovered
 *       elements and the set-full timeline in the statistics ({@link SetConvergence}).
 *   <li>{@code --model counter}: {@code out-of-range} ({@link CounterConvergence}).
 *   <li>{@code --model register}: last-writer-wins; {@code unexpected}, and {@code lost} for an
 *       acknowledged write shadowed by an older one, even when every node agrees
 *       ({@link RegisterConvergence}).
 * </ul>
 *
 * <p>Valid when every key has final reads and none of the above was found; unknown when some key
 * has no successful final read, or the history breaks the model's assumptions (unique elements or
 * values, known operations). The statistics are described in the package documentation.
 */
public final class ConvergenceChecker implements Checker {
    public static final String NAME = "convergence";

    private final String model;
    private final Object initial;

    /**
     * @param model {@code set}, {@code counter} or {@code register}
     * @param initial the object's initial value: a count (a {@code Long}) for counters, any
     *     canonical value for registers (null when the register starts empty); unused for sets
     */
    public ConvergenceChecker(String model, Object initial) {
        if (!List.of("set", "counter", "register").contains(model)) {
            throw new IllegalArgumentException("--model for convergence must be one of set, counter, register, was " + model);
        }
        if (model.equals("counter") && !(initial instanceof Long)) {
            throw new IllegalArgumentException("--initial for a counter must be an integer, was " + Values.describe(initial));
        }
        this.model = model;
        this.initial = initial;
    }

    /** From {@code --model} (default {@code set}) and {@code --initial} (default 0 for counters, nil for registers). */
    public static ConvergenceChecker fromOptions(CheckerOptions options) {
        String model = options.choice("model", "set", "set", "counter", "register");
        return new ConvergenceChecker(model, InitialValue.of(options, model.equals("counter") ? (Object) 0L : null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        OpClock clock = OpClock.of(history);
        ConvergenceModel keyModel = switch (model) {
            case "set" -> new SetConvergence(clock);
            case "counter" -> new CounterConvergence((Long) initial);
            default -> new RegisterConvergence(initial);
        };
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("model", model);
        stats.put("timeUnit", clock.unit());
        return Guarded.verdict(NAME, stats, () -> check(history, context, clock, keyModel, stats));
    }

    private Verdict check(History history, CheckContext context, OpClock clock, ConvergenceModel keyModel,
            Map<String, Object> stats) {
        Map<Object, List<Operation>> byKey = KeyedOperations.byKey(history);
        // Null only when no key has a final read, and then no key reaches the use below.
        HealTime heal = HealTime.of(history, byKey, clock);
        AnomalyLog findings = new AnomalyLog(AnomalyLog.CHEAP_WITNESSES_PER_TYPE);
        Distribution timeToConvergence = new Distribution();
        TreeSet<String> nodes = new TreeSet<>();
        long keysChecked = 0;
        long divergentKeys = 0;
        Object keyWithoutFinalReads = null;
        long keysWithoutFinalReads = 0;
        for (Map.Entry<Object, List<Operation>> entry : byKey.entrySet()) {
            if (context.shouldStop()) {
                return Verdict.unknown(NAME, "stopped (time limit or cancelled) after " + keysChecked + " of "
                        + byKey.size() + " keys", stats);
            }
            FinalReads finalReads = FinalReads.of(entry.getValue(), keyModel::stateOf, clock);
            if (finalReads.isEmpty()) {
                if (keysWithoutFinalReads == 0) {
                    keyWithoutFinalReads = entry.getKey();
                }
                keysWithoutFinalReads++;
                continue;
            }
            keysChecked++;
            nodes.addAll(finalReads.latestByNode().keySet());
            // The model's findings first: a lost write says more than the disagreement it causes.
            keyModel.checkKey(history, entry.getKey(), entry.getValue(), finalReads, findings);
            if (finalReads.agree()) {
                timeToConvergence.add(Math.max(0, finalReads.convergedAt() - heal.time()));
            } else {
                divergentKeys++;
                findings.add("divergent", () -> Divergence.of(entry.getKey(), finalReads, keyModel));
            }
        }
        stats.put("keys", (long) byKey.size());
        stats.put("keysChecked", keysChecked);
        stats.put("keysWithoutFinalReads", keysWithoutFinalReads);
        stats.put("nodes", List.copyOf(nodes));
        stats.put("converged", keysChecked > 0 && divergentKeys == 0);
        stats.put("divergentKeys", divergentKeys);
        stats.put("healTime", heal == null ? null : heal.time());
        stats.put("convergenceMeasuredFrom", heal == null ? null : heal.reference());
        stats.put("timeToConvergence", timeToConvergence.summary());
        keyModel.addStats(stats);
        stats.put("anomalyCounts", findings.counts());
        stats.put("witnessesTruncated", findings.truncated());
        return verdict(findings, stats, keysChecked, keysWithoutFinalReads, keyWithoutFinalReads, keyModel.undecided());
    }

    private static Verdict verdict(AnomalyLog findings, Map<String, Object> stats, long keysChecked,
            long keysWithoutFinalReads, Object keyWithoutFinalReads, Optional<String> undecided) {
        if (!findings.isEmpty()) {
            return Verdict.invalid(NAME, findings.anomalies(), stats);
        }
        if (keysChecked == 0) {
            return Verdict.unknown(NAME, "no successful final reads (reads with final: true and a node)", stats);
        }
        if (keysWithoutFinalReads > 0) {
            return Verdict.unknown(NAME, keysWithoutFinalReads + " keys have no successful final read, e.g. "
                    + Values.describe(keyWithoutFinalReads), stats);
        }
        return undecided.map(cause -> Verdict.unknown(NAME, "cannot decide " + cause, stats))
                .orElseGet(() -> Verdict.valid(NAME, stats));
    }
}
