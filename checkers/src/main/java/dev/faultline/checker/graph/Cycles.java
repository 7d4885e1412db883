package dev.faultline.checker.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Orders and cycles of a {@link Digraph}: Kahn's topological order, Tarjan's strongly connected
 * components (iterative, so deep graphs cannot overflow the stack), and one short cycle per
 * cyclic component as the witness, in the manner of Elle (Tarjan first, then a breadth-first
 * search for a short cycle inside one component).
 */
public final class Cycles {
    private Cycles() {}

    /** A topological order of every node, or null when the graph has a cycle. O(n + m). */
    public static int[] topologicalOrder(Digraph graph) {
        int size = graph.size();
        int[] inDegree = new int[size];
        for (int edge = 0; edge < graph.edgeCount(); edge++) {
            inDegree[graph.target(edge)]++;
        }
        int[] order = new int[size];
        int head = 0;
        int tail = 0;
        for (int node = 0; node < size; node++) {
            if (inDegree[node] == 0) {
                order[tail++] = node;
            }
        }
        while (head < tail) {
            int node = order[head++];
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                if (--inDegree[graph.target(edge)] == 0) {
                    order[tail++] = graph.target(edge);
                }
            }
        }
        return tail == size ? order : null;
    }

    /**
     * The cyclic strongly connected components: those with two or more nodes, or one node with a
     * self-loop. Each is the array of its nodes. O(n + m).
     */
    public static List<int[]> cyclicComponents(Digraph graph) {
        int[] component = componentIds(graph);
        int size = graph.size();
        int[] counts = new int[size];
        for (int node = 0; node < size; node++) {
            counts[component[node]]++;
        }
        boolean[] cyclic = new boolean[size];
        for (int node = 0; node < size; node++) {
            if (counts[component[node]] > 1) {
                cyclic[component[node]] = true;
            }
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                if (graph.target(edge) == node) {
                    cyclic[component[node]] = true;
                }
            }
        }
        List<int[]> components = new ArrayList<>();
        int[] filled = new int[size];
        int[][] members = new int[size][];
        for (int node = 0; node < size; node++) {
            int id = component[node];
            if (cyclic[id]) {
                if (members[id] == null) {
                    members[id] = new int[counts[id]];
                    components.add(members[id]);
                }
                members[id][filled[id]++] = node;
            }
        }
        return components;
    }

    /**
     * One short cycle in each cyclic component, up to {@code limit} components. Each cycle starts
     * at a node with an outgoing edge of {@code preferred} inside the component when there is one,
     * so that the cycle shows the relation that matters (a conflict, say), and runs through the
     * fewest edges other than program order (see {@link ShortestPaths}).
     */
    public static List<List<Step>> witnesses(Digraph graph, int limit, Relation preferred) {
        List<List<Step>> cycles = new ArrayList<>();
        boolean[] inComponent = new boolean[graph.size()];
        for (int[] members : cyclicComponents(graph)) {
            if (cycles.size() >= limit) {
                break;
            }
            for (int node : members) {
                inComponent[node] = true;
            }
            int start = startOf(graph, members, inComponent, preferred);
            cycles.add(ShortestPaths.cycleThrough(graph, start, node -> inComponent[node]));
            for (int node : members) {
                inComponent[node] = false;
            }
        }
        return cycles;
    }

    private static int startOf(Digraph graph, int[] members, boolean[] inComponent, Relation preferred) {
        for (int node : members) {
            for (int edge = graph.edgesStart(node); edge < graph.edgesEnd(node); edge++) {
                if (graph.relation(edge) == preferred && inComponent[graph.target(edge)]) {
                    return node;
                }
            }
        }
        return members[0];
    }

    /** Tarjan's algorithm with an explicit stack; returns each node's component number. */
    private static int[] componentIds(Digraph graph) {
        int size = graph.size();
        int[] index = new int[size];
        Arrays.fill(index, -1);
        int[] lowLink = new int[size];
        int[] component = new int[size];
        boolean[] onStack = new boolean[size];
        int[] stack = new int[size];
        int stackSize = 0;
        int[] callNode = new int[size];
        int[] callEdge = new int[size];
        int nextIndex = 0;
        int nextComponent = 0;
        for (int root = 0; root < size; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = graph.edgesStart(root);
            index[root] = lowLink[root] = nextIndex++;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int node = callNode[depth];
                if (callEdge[depth] < graph.edgesEnd(node)) {
                    int next = graph.target(callEdge[depth]++);
                    if (index[next] < 0) {
                        index[next] = lowLink[next] = nextIndex++;
                        stack[stackSize++] = next;
                        onStack[next] = true;
                        depth++;
                        callNode[depth] = next;
                        callEdge[depth] = graph.edgesStart(next);
                    } else if (onStack[next]) {
                        lowLink[node] = Math.min(lowLink[node], index[next]);
                    }
                    continue;
                }
                if (lowLink[node] == index[node]) {
                    int member;
                    do {
                        member = stack[--stackSize];
                        onStack[member] = false;
                        component[member] = nextComponent;
                    } while (member != node);
                    nextComponent++;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
                }
            }
        }
        return component;
    }
}
