package dev.faultline.checker.causal;

import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.VectorClocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The causal order plus a few extra edges (one session's causal-memory edges), over the nodes
 * those edges join and the nodes a check asks about only: a small graph with the same cycles and,
 * between its nodes, the same reachability as CO plus the extra edges over the whole history.
 *
 * <p>Why: causal memory needs, for every session, CO plus that session's edges; building and
 * sorting the whole graph once per session is quadratic in the sessions of a history (half a
 * minute to a minute for 10⁵ operations of 1,017 sessions). A path of CO ∪ extra is CO paths
 * joined by extra edges, and "u is in v's CO past" is one lookup in the CO clocks, so CO can be
 * summarised: for each node v and each session holding nodes of the summary, one edge from that
 * session's last node inside v's CO past (its earlier ones reach it along the session; each node
 * also gets an edge from its own session's previous one). O(k × g × log k) for k nodes in g
 * sessions, instead of O(n + m) per session.
 */
final class CausalSummary {
    private final int[] nodes;
    private final Digraph graph;

    private CausalSummary(int[] nodes, Digraph graph) {
        this.nodes = nodes;
        this.graph = graph;
    }

    /**
     * @param asked the nodes to keep; must hold both ends of every extra edge
     * @param extra the extra edges, each between two nodes of {@code asked}
     * @param causal CO's clocks over every session
     */
    static CausalSummary of(int[] asked, List<Step> extra, VectorClocks causal, Sessions sessions) {
        int[] nodes = Arrays.stream(asked).sorted().distinct().toArray();
        // Nodes are numbered in invocation order, so each session's group is in program order.
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int local = 0; local < nodes.length; local++) {
            groups.computeIfAbsent(sessions.sessionOf(nodes[local]), session -> new ArrayList<>()).add(local);
        }
        int[] groupSessions = new int[groups.size()];
        int[][] groupLocals = new int[groups.size()][];
        int[][] groupPositions = new int[groups.size()][];
        int group = 0;
        for (Map.Entry<Integer, List<Integer>> entry : groups.entrySet()) {
            groupSessions[group] = entry.getKey();
            groupLocals[group] = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            groupPositions[group] = Arrays.stream(groupLocals[group]).map(local -> sessions.positionOf(nodes[local])).toArray();
            group++;
        }
        Digraph.Builder builder = Digraph.builder(nodes.length);
        for (int local = 0; local < nodes.length; local++) {
            int node = nodes[local];
            for (group = 0; group < groupSessions.length; group++) {
                int session = groupSessions[group];
                int limit = session == sessions.sessionOf(node) ? sessions.positionOf(node) - 1 : causal.get(node, session);
                int found = Arrays.binarySearch(groupPositions[group], limit);
                int last = found >= 0 ? found : -found - 2;
                if (last >= 0) {
                    builder.add(groupLocals[group][last], local, Relation.PROGRAM_ORDER);
                }
            }
        }
        for (Step step : extra) {
            builder.add(localOf(nodes, step.from()), localOf(nodes, step.to()), step.relation(), step.cause());
        }
        return new CausalSummary(nodes, builder.build());
    }

    private static int localOf(int[] nodes, int node) {
        int local = Arrays.binarySearch(nodes, node);
        if (local < 0) {
            throw new IllegalArgumentException("node " + node + " is not in the summary");
        }
        return local;
    }

    /** The summary's nodes, ascending; a node's place here is its number in {@link #graph()}. */
    int[] nodes() {
        return nodes;
    }

    /** The summary graph; its CO edges are labelled program order, since only their reachability matters. */
    Digraph graph() {
        return graph;
    }

    /** The place of {@code node} in {@link #nodes()}. */
    int localOf(int node) {
        return localOf(nodes, node);
    }

    /** True when CO plus the extra edges has a cycle. */
    boolean cyclic() {
        return Cycles.topologicalOrder(graph) == null;
    }
}
