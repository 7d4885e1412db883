package dev.faultline.checker.graph;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history of grow-only sets ({@code add} an element, {@code read} the whole set) or of lists
 * ({@code append} an element, {@code read} the whole list), each element added at most once per
 * key. Here visibility is observed rather than inferred: a read that returns an element saw its
 * update.
 *
 * <p>Observed operations ({@link #ops()}): every {@code ok} read and update, and every
 * indeterminate update whose element an {@code ok} read returned. For each read,
 * {@link #observed(int)} lists the update nodes of its elements in the order returned; elements
 * no update added ({@link #unexplained(int)}) are listed apart, with the failed update that added
 * them if there is one.
 */
public final class CollectionHistory {
    private static final int[] NONE = new int[0];

    private final ObservedOps ops;
    private final boolean ordered;
    private final int[][] observed;
    private final Map<Integer, List<Unexplained>> unexplained;
    private final Map<Integer, List<Object>> duplicates;

    /**
     * An element a read returned that no observed update added.
     *
     * @param element the element
     * @param failedUpdate the failed add or append of it, or null when none: a thin-air read
     */
    public record Unexplained(Object element, Operation failedUpdate) {}

    private CollectionHistory(ObservedOps ops, boolean ordered, int[][] observed,
            Map<Integer, List<Unexplained>> unexplained, Map<Integer, List<Object>> duplicates) {
        this.ops = ops;
        this.ordered = ordered;
        this.observed = observed;
        this.unexplained = unexplained;
        this.duplicates = duplicates;
    }

    /**
     * Indexes a history of {@code add} and {@code read}, or of {@code append} and {@code read}.
     *
     * @throws UnsupportedHistoryException for other functions, both add and append, a read that
     *     returned something other than a list, or an element added twice to one key
     */
    public static CollectionHistory of(History history) throws UnsupportedHistoryException {
        String updateFunction = updateFunction(history);
        UpdateIndex updaters = new UpdateIndex(history);
        Set<KeyElement> returned = new HashSet<>();
        for (Operation operation : history.operations()) {
            if (operation.f().equals("read")) {
                if (operation.isOk()) {
                    for (Object element : elementsOf(history, operation)) {
                        returned.add(new KeyElement(operation.key(), element));
                    }
                }
                continue;
            }
            updaters.add(operation);
        }
        List<Operation> selected = new ArrayList<>();
        List<OpKind> kinds = new ArrayList<>();
        OpKind updateKind = updateFunction.equals("append") ? OpKind.APPEND : OpKind.ADD;
        for (Operation operation : history.operations()) {
            boolean read = operation.f().equals("read");
            if (operation.isOk() || (!read && operation.isInfo()
                    && returned.contains(new KeyElement(operation.key(), operation.invoke().value())))) {
                selected.add(operation);
                kinds.add(read ? OpKind.READ : updateKind);
            }
        }
        ObservedOps ops = ObservedOps.of(history, selected, kinds);
        return index(history, ops, updaters, updateKind == OpKind.APPEND);
    }

    private static CollectionHistory index(History history, ObservedOps ops, UpdateIndex updaters,
            boolean ordered) throws UnsupportedHistoryException {
        Map<KeyElement, Integer> updateNodes = new HashMap<>();
        for (int node = 0; node < ops.size(); node++) {
            if (ops.kind(node).isUpdate()) {
                updateNodes.put(new KeyElement(ops.operation(node).key(), ops.value(node)), node);
            }
        }
        int[][] observed = new int[ops.size()][];
        Map<Integer, List<Unexplained>> unexplained = new HashMap<>();
        Map<Integer, List<Object>> duplicates = new HashMap<>();
        for (int node = 0; node < ops.size(); node++) {
            if (ops.kind(node).isUpdate()) {
                observed[node] = NONE;
                continue;
            }
            List<Object> elements = elementsOf(history, ops.operation(node));
            int[] nodes = new int[elements.size()];
            int count = 0;
            Set<Object> seen = new HashSet<>();
            for (Object element : elements) {
                if (!seen.add(element)) {
                    duplicates.computeIfAbsent(node, n -> new ArrayList<>()).add(element);
                    continue;
                }
                KeyElement added = new KeyElement(ops.operation(node).key(), element);
                Integer update = updateNodes.get(added);
                if (update != null) {
                    nodes[count++] = update;
                } else {
                    Operation failed = updaters.updateOf(added.key(), element);
                    unexplained.computeIfAbsent(node, n -> new ArrayList<>())
                            .add(new Unexplained(element, failed != null && failed.isFail() ? failed : null));
                }
            }
            observed[node] = Arrays.copyOf(nodes, count);
        }
        return new CollectionHistory(ops, ordered, observed, unexplained, duplicates);
    }

    private static String updateFunction(History history) throws UnsupportedHistoryException {
        String update = null;
        for (Operation operation : history.operations()) {
            String f = operation.f();
            if (!f.equals("read") && !f.equals("add") && !f.equals("append")) {
                throw new UnsupportedHistoryException(history.where(operation.invocation()) + " is a " + f
                        + "; set and list checks handle add, append and read only");
            }
            if (!f.equals("read")) {
                if (update != null && !update.equals(f)) {
                    throw new UnsupportedHistoryException(history.where(operation.invocation()) + " is an " + f
                            + " in a history of " + update + "s; use one kind of collection per history");
                }
                update = f;
            }
        }
        return update == null ? "add" : update;
    }

    private static List<Object> elementsOf(History history, Operation read) throws UnsupportedHistoryException {
        Object value = read.value();
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw new UnsupportedHistoryException(history.where(read.invocation()) + " read " + Values.describe(value)
                + ", not a set or list");
    }


    public ObservedOps ops() {
        return ops;
    }

    /** True for lists (append), false for sets (add). */
    public boolean ordered() {
        return ordered;
    }

    /** The update nodes whose elements the read returned, in the order returned; empty for an update. */
    public int[] observed(int read) {
        return observed[read];
    }

    /** The elements the read returned that no observed update added. */
    public List<Unexplained> unexplained(int read) {
        return unexplained.getOrDefault(read, List.of());
    }

    /** The elements the read returned more than once (each extra occurrence once). */
    public List<Object> duplicates(int read) {
        return duplicates.getOrDefault(read, List.of());
    }

    /**
     * Program order plus one {@link Relation#OBSERVED} edge per read and session: from the
     * session's last update the read returned. Its earlier ones reach the read through program
     * order, so reachability is that of one edge per element, with far fewer edges.
     */
    public Digraph.Builder causalOrder() {
        Digraph.Builder graph = ProgramOrder.edges(ops);
        Sessions sessions = ops.sessions();
        Map<Integer, Integer> lastBySession = new HashMap<>();
        for (int read = 0; read < ops.size(); read++) {
            lastBySession.clear();
            for (int update : observed[read]) {
                lastBySession.merge(sessions.sessionOf(update), update,
                        (a, b) -> sessions.positionOf(a) >= sessions.positionOf(b) ? a : b);
            }
            for (int update : lastBySession.values()) {
                graph.add(update, read, Relation.OBSERVED);
            }
        }
        return graph;
    }

    private record KeyElement(Object key, Object element) {}
}
