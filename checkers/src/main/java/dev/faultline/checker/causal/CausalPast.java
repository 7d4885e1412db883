package dev.faultline.checker.causal;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.BudgetExhausted;
import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.ShortestPaths;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.VectorClocks;
import dev.faultline.checker.graph.Witness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The least causal order of an observed history, CO = (program order ∪ reads-from)⁺, as a graph
 * and the vector clocks of every node's causal past; or, when CO has a cycle, the
 * {@link CausalPatterns#CYCLIC_CO} anomalies instead.
 */
final class CausalPast {
    final Digraph graph;
    final VectorClocks clocks;

    private CausalPast(Digraph graph, VectorClocks clocks) {
        this.graph = graph;
        this.clocks = clocks;
    }

    /** The causal past of every node, or null after logging the cycles when CO is cyclic. */
    static CausalPast of(ObservedOps ops, Digraph graph, AnomalyLog log, CheckContext context) {
        int[] order = Cycles.topologicalOrder(graph);
        if (order == null) {
            for (List<Step> cycle : Cycles.witnesses(graph, Integer.MAX_VALUE, Relation.READS_FROM)) {
                log.add(CausalPatterns.CYCLIC_CO, () -> cyclicCo(ops, cycle));
            }
            return null;
        }
        BudgetExhausted.reserve(context, VectorClocks.bytesFor(ops.size(), ops.sessions().count()),
                "vector clocks of " + ops.size() + " operations × " + ops.sessions().count() + " sessions");
        return new CausalPast(graph, VectorClocks.compute(graph, order, ops.sessions(), null));
    }

    private static Anomaly cyclicCo(ObservedOps ops, List<Step> cycle) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("steps", Witness.data(ops, cycle));
        String text = Witness.text(ops, cycle, step -> step.relation().phrase())
                + ": program order and reads-from form a cycle, so no causal order exists";
        return new Anomaly(CausalPatterns.CYCLIC_CO, text, Witness.opIndices(ops, cycle), data);
    }


    /**
     * The witness of a read of the initial value that a write precedes (WriteCOInitRead,
     * WriteHBInitRead): the chain from the write to the read, and why it is a violation.
     *
     * @param data the pattern's data so far; gains {@code read} and {@code write}
     */
    static Anomaly initialRead(ObservedOps ops, String pattern, List<Step> steps, Function<Step, String> clause,
            int write, int read, String reason, Map<String, Object> data) {
        String text = Witness.text(ops, steps, clause) + ": " + ops.actor(read) + " read the initial " + ops.object(read)
                + " although " + reason;
        data.put("read", (long) ops.opIndex(read));
        data.put("write", (long) ops.opIndex(write));
        return new Anomaly(pattern, text, Witness.opIndices(ops, steps, write, read), data);
    }

    /** A path from {@code from} to {@code to} in the causal order, through nodes between them only. */
    List<Step> path(int from, int to) {
        List<Step> path = ShortestPaths.path(graph, from, to,
                node -> clocks.contains(to, node) && clocks.contains(node, from));
        if (path == null) {
            throw new IllegalStateException("node " + from + " is in the causal past of " + to + " but no path leads there");
        }
        return path;
    }

    /** The largest causal past of any node, for the statistics. */
    long largestPast(int size) {
        long largest = 0;
        for (int node = 0; node < size; node++) {
            largest = Math.max(largest, clocks.pastSize(node));
        }
        return largest;
    }
}
