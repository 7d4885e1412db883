package dev.faultline.checker.graph;

import java.util.Arrays;

/**
 * The past of every node of a directed acyclic graph whose edges include program order, as one
 * vector per node: entry {@code s} is the highest position of session {@code s} in the node's
 * past (the node included), or -1.
 *
 * <p>This works because such a past is closed downward along each session: if it holds a
 * session's operation, it holds every earlier one of that session. Membership is then one array
 * read ({@link #contains}), and memory is nodes × sessions integers instead of the nodes²
 * bits of a transitive closure: 10⁵ operations of 50 sessions take 20 MB, where a closure
 * would take 1.25 GB.
 */
public final class VectorClocks {
    private final Sessions sessions;
    private final int[] columnOf;
    private final int width;
    private final int[] clocks;

    private VectorClocks(Sessions sessions, int[] columnOf, int width, int[] clocks) {
        this.sessions = sessions;
        this.columnOf = columnOf;
        this.width = width;
        this.clocks = clocks;
    }

    /** The bytes {@link #compute} allocates for a graph of {@code nodes} over {@code sessions} columns. */
    public static long bytesFor(int nodes, int sessions) {
        return 4L * nodes * sessions;
    }

    /**
     * The vectors of every node over every session, computed in topological order in
     * O((n + m) × sessions).
     *
     * @param graph a graph whose edges include each session's program order
     * @param topologicalOrder an order of every node of {@code graph} that respects its edges
     * @param reuse an array of at least {@link #bytesFor} / 4 entries to fill, or null to allocate one
     */
    public static VectorClocks compute(Digraph graph, int[] topologicalOrder, Sessions sessions, int[] reuse) {
        int[] every = new int[sessions.count()];
        for (int session = 0; session < every.length; session++) {
            every[session] = session;
        }
        return compute(graph, topologicalOrder, sessions, every, reuse);
    }

    /**
     * The vectors over some sessions only: each entry is computed independently of the others, so
     * a check that asks about a few sessions pays for those alone, O((n + m) × columns).
     *
     * @param columns the sessions to track, each once
     */
    public static VectorClocks compute(Digraph graph, int[] topologicalOrder, Sessions sessions, int[] columns, int[] reuse) {
        int width = columns.length;
        long length = (long) graph.size() * width;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("vector clocks of " + graph.size() + " nodes × " + width
                    + " sessions exceed one array");
        }
        int[] columnOf = new int[sessions.count()];
        Arrays.fill(columnOf, -1);
        for (int column = 0; column < width; column++) {
            columnOf[columns[column]] = column;
        }
        int[] clocks = reuse != null && reuse.length >= length ? reuse : new int[(int) length];
        Arrays.fill(clocks, 0, (int) length, -1);
        for (int node : topologicalOrder) {
            int base = node * width;
            int column = columnOf[sessions.sessionOf(node)];
            if (column >= 0) {
                clocks[base + column] = Math.max(clocks[base + column], sessions.positionOf(node));
            }
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                int targetBase = graph.target(edge) * width;
                for (int at = 0; at < width; at++) {
                    if (clocks[base + at] > clocks[targetBase + at]) {
                        clocks[targetBase + at] = clocks[base + at];
                    }
                }
            }
        }
        return new VectorClocks(sessions, columnOf, width, clocks);
    }

    /** The highest position of {@code session} in the past of {@code node}, or -1. */
    public int get(int node, int session) {
        return clocks[node * width + column(session)];
    }

    /** True when {@code other} is {@code node} or precedes it; {@code other}'s session must be tracked. */
    public boolean contains(int node, int other) {
        return sessions.positionOf(other) <= clocks[node * width + column(sessions.sessionOf(other))];
    }

    private int column(int session) {
        int column = columnOf[session];
        if (column < 0) {
            throw new IllegalArgumentException("session " + sessions.label(session) + " is not tracked by these clocks");
        }
        return column;
    }

    /** How many nodes the past of {@code node} holds, itself included, over the tracked sessions. */
    public int pastSize(int node) {
        int size = 0;
        for (int column = 0; column < width; column++) {
            size += clocks[node * width + column] + 1;
        }
        return size;
    }
}
