package dev.faultline.checker.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Witness paths and cycles that a person can follow: a 0-1 breadth-first search in which a
 * program-order edge costs nothing and every other edge costs one, so that a path crosses as few
 * sessions as it can, and consecutive program-order steps are then merged (program order is
 * transitive), which keeps a witness to the few operations that prove it.
 */
public final class ShortestPaths {
    private ShortestPaths() {}

    /**
     * A path from {@code from} to {@code to} through nodes that {@code allowed} accepts, or null
     * when there is none. O(n + m).
     */
    public static List<Step> path(Digraph graph, int from, int to, IntPredicate allowed) {
        Search search = new Search(graph, from, allowed);
        if (search.distance[to] == Integer.MAX_VALUE) {
            return null;
        }
        return merged(search.stepsTo(to));
    }

    /**
     * A cycle through {@code start} over nodes that {@code allowed} accepts, or null when
     * {@code start} lies on none. The first step leaves {@code start}; the last returns to it.
     */
    public static List<Step> cycleThrough(Digraph graph, int start, IntPredicate allowed) {
        Search search = new Search(graph, start, allowed);
        int bestFrom = -1;
        int bestEdge = -1;
        long bestCost = Long.MAX_VALUE;
        for (int node = 0; node < graph.size(); node++) {
            if (search.distance[node] == Integer.MAX_VALUE) {
                continue;
            }
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                long cost = (long) search.distance[node] + cost(graph, edge);
                if (graph.target(edge) == start && cost < bestCost) {
                    bestCost = cost;
                    bestFrom = node;
                    bestEdge = edge;
                }
            }
        }
        if (bestFrom < 0) {
            return null;
        }
        List<Step> steps = search.stepsTo(bestFrom);
        steps.add(graph.step(bestFrom, bestEdge));
        return merged(steps);
    }

    /** Merges each run of consecutive program-order steps into one step. */
    static List<Step> merged(List<Step> steps) {
        List<Step> merged = new ArrayList<>(steps.size());
        for (Step step : steps) {
            int last = merged.size() - 1;
            if (last >= 0 && step.relation() == Relation.PROGRAM_ORDER
                    && merged.get(last).relation() == Relation.PROGRAM_ORDER) {
                merged.set(last, new Step(merged.get(last).from(), step.to(), Relation.PROGRAM_ORDER, -1));
            } else {
                merged.add(step);
            }
        }
        return merged;
    }

    private static int cost(Digraph graph, int edge) {
        return graph.relation(edge) == Relation.PROGRAM_ORDER ? 0 : 1;
    }

    /** The 0-1 breadth-first search from one source, with the edge that reached each node. */
    private static final class Search {
        final Digraph graph;
        final int[] distance;
        final int[] parentNode;
        final int[] parentEdge;

        Search(Digraph graph, int source, IntPredicate allowed) {
            this.graph = graph;
            int size = graph.size();
            distance = new int[size];
            parentNode = new int[size];
            parentEdge = new int[size];
            Arrays.fill(distance, Integer.MAX_VALUE);
            Arrays.fill(parentNode, -1);
            // A ring deque: 0-cost edges go to the front, 1-cost edges to the back.
            int[] deque = new int[Math.max(16, 2 * size)];
            int head = 0;
            int count = 1;
            deque[0] = source;
            distance[source] = 0;
            while (count > 0) {
                int node = deque[head];
                head = (head + 1) % deque.length;
                count--;
                for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                    int next = graph.target(edge);
                    int cost = cost(graph, edge);
                    if (!allowed.test(next) || distance[node] + cost >= distance[next]) {
                        continue;
                    }
                    distance[next] = distance[node] + cost;
                    parentNode[next] = node;
                    parentEdge[next] = edge;
                    if (count == deque.length) {
                        deque = grow(deque, head, count);
                        head = 0;
                    }
                    if (cost == 0) {
                        head = (head - 1 + deque.length) % deque.length;
                        deque[head] = next;
                    } else {
                        deque[(head + count) % deque.length] = next;
                    }
                    count++;
                }
            }
        }

        private static int[] grow(int[] deque, int head, int count) {
            int[] bigger = new int[deque.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = deque[(head + i) % deque.length];
            }
            return bigger;
        }

        List<Step> stepsTo(int node) {
            List<Step> steps = new ArrayList<>();
            for (int at = node; parentNode[at] >= 0; at = parentNode[at]) {
                steps.add(graph.step(parentNode[at], parentEdge[at]));
                if (steps.size() > graph.size()) {
                    throw new IllegalStateException("parent pointers form a loop at node " + at);
                }
            }
            Collections.reverse(steps);
            return steps;
        }
    }
}
