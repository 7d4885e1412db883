package dev.faultline.checker.causal;

import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.checker.graph.VectorClocks;
import java.util.Arrays;

/**
 * Vector clocks of CO plus one session's derived happens-before edges, for the nodes of a
 * {@link CausalSummary} (the session's reads, the writes they returned, the derived edges' ends)
 * over the sessions the check asks about. A node's clock starts as its CO clock and takes the
 * maximum over its in-edges of the summary in topological order: O(edges × columns), where
 * clocks of the whole graph would cost O((n + m) × columns) for every session and round.
 */
final class HappensBeforeClocks {
    private final Sessions sessions;
    private final CausalSummary summary;
    private final int[] columnOf;
    private final int width;
    private final int[] clocks;

    private HappensBeforeClocks(Sessions sessions, CausalSummary summary, int[] columnOf, int width, int[] clocks) {
        this.sessions = sessions;
        this.summary = summary;
        this.columnOf = columnOf;
        this.width = width;
        this.clocks = clocks;
    }

    /**
     * The clocks, or null when the summary has a cycle.
     *
     * @param causal CO's clocks over every session
     * @param columns the sessions whose entries will be asked for, each once
     */
    static HappensBeforeClocks of(CausalSummary summary, VectorClocks causal, Sessions sessions, int[] columns) {
        Digraph graph = summary.graph();
        int[] order = Cycles.topologicalOrder(graph);
        if (order == null) {
            return null;
        }
        int width = columns.length;
        int[] columnOf = new int[sessions.count()];
        Arrays.fill(columnOf, -1);
        for (int column = 0; column < width; column++) {
            columnOf[columns[column]] = column;
        }
        int[] nodes = summary.nodes();
        int[] clocks = new int[nodes.length * width];
        for (int local = 0; local < nodes.length; local++) {
            for (int column = 0; column < width; column++) {
                clocks[local * width + column] = causal.get(nodes[local], columns[column]);
            }
        }
        for (int local : order) {
            for (int edge = graph.edgesStart(local); edge < graph.edgesEnd(local); edge++) {
                int target = graph.target(edge) * width;
                for (int column = 0; column < width; column++) {
                    clocks[target + column] = Math.max(clocks[target + column], clocks[local * width + column]);
                }
            }
        }
        return new HappensBeforeClocks(sessions, summary, columnOf, width, clocks);
    }

    /** The highest position of {@code session} in the happens-before past of {@code node}, or -1. */
    int get(int node, int session) {
        int column = columnOf[session];
        if (column < 0) {
            throw new IllegalArgumentException("session " + sessions.label(session) + " is not tracked by these clocks");
        }
        return clocks[summary.localOf(node) * width + column];
    }

    /** True when {@code other} is {@code node} or happens before it. */
    boolean contains(int node, int other) {
        return sessions.positionOf(other) <= get(node, sessions.sessionOf(other));
    }
}
