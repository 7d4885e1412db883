package dev.faultline.harness.report;

import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lays out one anomaly's witness as a small swim-lane picture: one lane per process, each
 * operation a bar between its invocation and completion, x in <em>columns</em> that follow the
 * order of events in the history (as Jepsen's and Porcupine's timelines do) rather than time, so
 * that operations microseconds apart stay readable. What is drawn over the bars depends on what
 * the checker put in {@code Anomaly.data}:
 *
 * <ul>
 *   <li><b>linearization</b> ({@code data.prefix} / {@code data.finalPaths}, the linearizable
 *       checker): the longest linearizable prefix as points joined by a line, each point in its
 *       operation's interval, placed as early as real time allows (each after its operation's
 *       invocation and after the previous point, so it exists exactly when the prefix respects
 *       real time); then each way on that was tried from the last point, legal (a grey point) or
 *       illegal (a cross), with the state or the reason on hover. Before anything is drawn the
 *       prefix is replayed against the history's real-time order (Porcupine's
 *       {@code computeVisualizationData} replays through the model for the same reason): a
 *       point that would fall after its operation's completion is reported as a problem instead
 *       of drawn somewhere it cannot be.
 *   <li><b>relations</b> ({@code data.steps}, the causal, session and sequential checkers; and
 *       the staleness {@code stale-read} and convergence {@code lost} witnesses): arrows between
 *       operations labelled with the relation ({@code po}, {@code rf}, {@code vis}, ...), the
 *       operation that forced a derived edge marked as its cause.
 *   <li><b>operations</b> (any other anomaly): the anomaly's operations highlighted.
 * </ul>
 *
 * When the anomaly names only a few operations, the other operations on the same key that
 * overlap them in time are drawn too, dimmed, because what ran concurrently is most of what a
 * reader needs to follow a witness.
 */
final class WitnessLayout {
    static final int CONTEXT_OPS_MAX = 12;
    /** Context is added only below this many involved operations; a long prefix is context enough. */
    static final int CONTEXT_BELOW_INVOLVED = 8;
    static final int OPS_DRAWN_MAX = 160;

    /** @param role stuck, cause, involved or context */
    record Bar(int op, int lane, double from, double to, boolean open, String role) {}

    /**
     * @param kind prefix (a step of the linearizable prefix), tried (a legal step of a way on),
     *     illegal (a step the model rejects)
     * @param detail the state after a legal step, or why a step is illegal
     * @param path which way on (0, 1, ...), or -1 for the prefix
     */
    record Point(int op, double at, String kind, String call, String detail, int path) {}

    /** @param by the operation that forced a derived relation, or -1 */
    record Edge(int from, int to, String rel, int by, String label) {}

    /**
     * @param kind linearization, relations or operations
     * @param columns the width of the picture in columns
     * @param notes remarks for the reader (omitted steps, the initial state)
     * @param problem why the witness does not fit the history, or null
     */
    record Layout(String kind, List<String> lanes, int columns, List<Bar> bars, List<Point> points, List<Edge> edges,
            List<String> notes, String problem) {}

    /** One step of a linearization witness, as the linearizable checker writes it. */
    private record Step(int op, String call, String state, String illegal) {}

    private final OpTable table;
    private final Map<Integer, String> roles = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String problem;

    private WitnessLayout(OpTable table) {
        this.table = table;
    }

    static Layout of(Map<String, Object> anomaly, OpTable table) {
        return new WitnessLayout(table).layout(anomaly);
    }

    private Layout layout(Map<String, Object> anomaly) {
        Map<String, Object> data = anomaly.get("data") instanceof Map<?, ?> map ? cast(map) : Map.of();
        String type = String.valueOf(anomaly.get("type"));
        if (anomaly.get("ops") instanceof List<?> ops) {
            ops.forEach(index -> involve(index, "involved"));
        }
        if (data.get("prefix") instanceof List<?> || data.get("finalPaths") instanceof List<?>) {
            List<Step> prefix = steps(data.get("prefix"));
            List<List<Step>> paths = new ArrayList<>();
            if (data.get("finalPaths") instanceof List<?> list) {
                list.forEach(path -> paths.add(steps(path)));
            }
            prefix.forEach(step -> involve(step.op(), "involved"));
            paths.forEach(path -> path.forEach(step -> involve(step.op(), "involved")));
            involve(data.get("previous"), "involved");
            setRole(data.get("op"), "stuck");
            if (data.get("prefixOmitted") instanceof Long omitted && omitted > 0) {
                notes.add(omitted + " earlier steps of the prefix are not shown; the state before the first shown step is "
                        + data.get("stateBeforeShownPrefix"));
            } else if (data.containsKey("initialState")) {
                notes.add("initial state: " + data.get("initialState"));
            }
            if (data.get("stuckState") != null) {
                notes.add("state after the prefix: " + data.get("stuckState"));
            }
            return build("linearization", prefix, paths);
        }
        if (data.get("steps") instanceof List<?> steps) {
            for (Object item : steps) {
                if (item instanceof Map<?, ?> step) {
                    int by = involve(step.get("by"), "cause");
                    edge(step.get("from"), step.get("to"), String.valueOf(step.get("rel")), by, null);
                }
            }
            return build("relations", List.of(), List.of());
        }
        if (type.equals("stale-read") && data.containsKey("newestWrite") && data.containsKey("read")) {
            edge(data.get("newestWrite"), data.get("read"), "newer", -1,
                    "acknowledged before the read began, yet the read missed it (k = " + data.get("k") + ")");
            return build("relations", List.of(), List.of());
        }
        if (type.equals("lost") && data.containsKey("add")) {
            int add = table.idOfIndex(number(data.get("add")));
            for (int op : new ArrayList<>(roles.keySet())) {
                if (op != add) {
                    edge(data.get("add"), (long) table.operation(op).invoke().index(), "lost", -1,
                            "acknowledged, missing from this final read");
                }
            }
            return build("relations", List.of(), List.of());
        }
        return build("operations", List.of(), List.of());
    }

    /** Marks an operation (named by either event's index) as drawn; returns its op id or -1. */
    private int involve(Object opIndex, String role) {
        if (!(opIndex instanceof Long || opIndex instanceof Integer)) {
            return -1;
        }
        int op = table.idOfIndex(((Number) opIndex).longValue());
        if (op < 0) {
            noteProblem("the witness names op " + opIndex + ", which is not a client operation of this history");
            return -1;
        }
        roles.putIfAbsent(op, role);
        return op;
    }

    private void setRole(Object opIndex, String role) {
        int op = involve(opIndex, role);
        if (op >= 0) {
            roles.put(op, role);
        }
    }

    private void edge(Object from, Object to, String rel, int by, String label) {
        int fromOp = involve(from, "involved");
        int toOp = involve(to, "involved");
        if (fromOp >= 0 && toOp >= 0) {
            edges.add(new Edge(fromOp, toOp, rel, by, label));
        }
    }

    private Layout build(String kind, List<Step> prefix, List<List<Step>> paths) {
        if (roles.size() < CONTEXT_BELOW_INVOLVED && !roles.isEmpty()) {
            addContext();
        }
        List<Integer> drawn = new ArrayList<>(roles.keySet());
        if (drawn.size() > OPS_DRAWN_MAX) {
            notes.add((drawn.size() - OPS_DRAWN_MAX) + " more operations are named but not drawn");
            drawn = drawn.subList(0, OPS_DRAWN_MAX);
        }
        Set<Integer> drawnSet = new LinkedHashSet<>(drawn);
        List<Integer> processes = new ArrayList<>(new TreeSet<>(drawn.stream().map(op -> table.operation(op).process()).toList()));
        Columns columns = new Columns(drawnSet, prefix);
        List<Bar> bars = new ArrayList<>();
        for (int op : drawn) {
            boolean open = !columns.hasCompletion(op);
            bars.add(new Bar(op, processes.indexOf(table.operation(op).process()), columns.invoke(op),
                    open ? columns.count() : columns.complete(op), open, roles.get(op)));
        }
        List<Point> points = new ArrayList<>(columns.prefixPoints());
        double last = points.isEmpty() ? 0 : points.get(points.size() - 1).at();
        for (int path = 0; path < paths.size(); path++) {
            double at = last;
            for (Step step : paths.get(path)) {
                int op = table.idOfIndex(step.op());
                if (op < 0 || !drawnSet.contains(op)) {
                    continue;
                }
                at = Math.max(at, columns.invoke(op)) + 0.5;
                points.add(new Point(op, at, step.illegal() != null ? "illegal" : "tried", step.call(),
                        step.illegal() != null ? step.illegal() : step.state(), path));
            }
        }
        List<Edge> drawnEdges = edges.stream().filter(edge -> drawnSet.contains(edge.from()) && drawnSet.contains(edge.to()))
                .toList();
        return new Layout(kind, processes.stream().map(process -> "p" + process).toList(), columns.count(), bars, points,
                drawnEdges, notes, problem);
    }

    /** The other operations on the involved operations' keys that overlap them in time, nearest first. */
    private void addContext() {
        Set<Object> keys = new LinkedHashSet<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (int op : roles.keySet()) {
            keys.add(table.operation(op).key());
            from = Math.min(from, table.start(op));
            to = Math.max(to, end(op));
        }
        long center = from / 2 + to / 2;
        List<Integer> overlapping = new ArrayList<>();
        for (int op = 0; op < table.size(); op++) {
            if (!roles.containsKey(op) && keys.contains(table.operation(op).key()) && table.start(op) <= to && end(op) >= from) {
                overlapping.add(op);
            }
        }
        overlapping.sort(Comparator.comparingLong(op -> Math.abs(table.start(op) / 2 + end(op) / 2 - center)));
        overlapping.stream().limit(CONTEXT_OPS_MAX).sorted().forEach(op -> roles.put(op, "context"));
    }

    private long end(int op) {
        return table.end(op) < 0 ? table.lastTime() : table.end(op);
    }

    private void noteProblem(String text) {
        if (problem == null) {
            problem = text;
        }
    }

    /**
     * Gives every drawn event a column in history order, and each step of the linearizable prefix
     * a column of its own as soon as its operation has been invoked and the previous step placed.
     * Info completions get no column: an info operation may take effect at any time after its
     * invocation, so its bar stays open to the right.
     */
    private final class Columns {
        private final Map<Integer, Integer> invokeColumn = new HashMap<>();
        private final Map<Integer, Integer> completeColumn = new HashMap<>();
        private final List<Point> prefixPoints = new ArrayList<>();
        private int count;

        Columns(Set<Integer> drawn, List<Step> prefix) {
            TreeSet<Integer> positions = new TreeSet<>();
            Map<Integer, Integer> opAtPosition = new HashMap<>();
            for (int op : drawn) {
                Operation operation = table.operation(op);
                positions.add(operation.invocation());
                opAtPosition.put(operation.invocation(), op);
                if (table.outcome(op) == OpTable.OK || table.outcome(op) == OpTable.FAIL) {
                    positions.add(operation.completion());
                    opAtPosition.put(operation.completion(), op);
                }
            }
            List<Integer> prefixOps = new ArrayList<>();
            Map<Integer, Integer> stepOfOp = new HashMap<>();
            for (Step step : prefix) {
                int op = table.idOfIndex(step.op());
                if (op >= 0 && drawn.contains(op)) {
                    stepOfOp.putIfAbsent(op, prefixOps.size());
                    prefixOps.add(op);
                }
            }
            int placed = 0;
            for (int position : positions) {
                int op = opAtPosition.get(position);
                boolean isInvoke = table.operation(op).invocation() == position;
                if (isInvoke) {
                    invokeColumn.put(op, count++);
                } else {
                    Integer step = stepOfOp.get(op);
                    if (step != null && step >= placed) {
                        noteProblem("the prefix does not respect real time: op " + table.operation(op).invoke().index()
                                + " completed before its place in the linearization could be reached");
                    }
                    completeColumn.put(op, count++);
                }
                while (placed < prefixOps.size() && invokeColumn.containsKey(prefixOps.get(placed))) {
                    Step step = prefix.get(placed);
                    prefixPoints.add(new Point(prefixOps.get(placed), count++, "prefix", step.call(), step.state(), -1));
                    placed++;
                }
            }
        }

        int count() {
            return count;
        }

        int invoke(int op) {
            return invokeColumn.get(op);
        }

        boolean hasCompletion(int op) {
            return completeColumn.containsKey(op);
        }

        int complete(int op) {
            return completeColumn.get(op);
        }

        List<Point> prefixPoints() {
            return prefixPoints;
        }
    }

    private static List<Step> steps(Object value) {
        List<Step> steps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("op") instanceof Long op) {
                    steps.add(new Step(op.intValue(), text(map.get("call")), text(map.get("state")), text(map.get("illegal"))));
                }
            }
        }
        return steps;
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
