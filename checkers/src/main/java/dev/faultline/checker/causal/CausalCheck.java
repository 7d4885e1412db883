package dev.faultline.checker.causal;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.Witness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the register and the set/list causal checks share: the observed operations, the model,
 * the budget, the anomaly log, the statistics every causal verdict starts with, and the data
 * every witness starts with. A check fills the log in {@link #check()}; {@link #verdict} runs it.
 */
abstract class CausalCheck {
    final ObservedOps ops;
    final CausalModel model;
    final CheckContext context;
    final AnomalyLog log = new AnomalyLog();
    final Map<String, Object> stats = new LinkedHashMap<>();

    /** @param mode {@code register}, {@code set} or {@code list}, for the statistics */
    CausalCheck(ObservedOps ops, CausalModel model, CheckContext context, String mode) {
        this.ops = ops;
        this.model = model;
        this.context = context;
        stats.put("consistency", model.wireName());
        stats.put("mode", mode);
        stats.put("operations", (long) ops.size());
        stats.put("sessions", (long) ops.sessions().count());
        stats.put("keys", (long) ops.keyCount());
    }

    /** Looks for the model's patterns, adding each to {@link #log}. */
    abstract void check();

    final Verdict verdict(String checker) {
        check();
        return log.verdict(checker, stats);
    }

    /** A witness's data: the pattern, the model and the chain of steps. */
    final Map<String, Object> data(String pattern, List<Step> steps) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pattern", pattern);
        data.put("consistency", model.wireName());
        data.put("steps", Witness.data(ops, steps));
        return data;
    }
}
