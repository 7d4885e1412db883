package dev.faultline.harness.report;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client operations of a history as columns, in invocation order: what the page draws and
 * what every other part of the report refers to by <em>op id</em> (the position in this table).
 * Columns instead of one object per operation keep the embedded JSON small and fast to parse at
 * 100,000 operations.
 *
 * <p>Times are in report units: microseconds since the run's start when the history has times
 * (plenty for latencies of a network round trip, and a third fewer digits than nanoseconds), else
 * the event's position in the history, so a history without times still draws in file order.
 */
final class OpTable {
    static final int OK = 0;
    static final int FAIL = 1;
    static final int INFO = 2;
    /** Invoked and never completed: indeterminate like info, drawn open to the end of the run. */
    static final int OPEN = 3;
    /** Longer value descriptions are cut: a full read of a big set would otherwise dominate the page. */
    static final int VALUE_CHARS_MAX = 80;

    private final History history;
    private final boolean timed;
    private final List<Operation> operations;
    private final Map<Integer, Integer> idByIndex;
    private final long[] start;
    private final long[] end;
    private final int[] outcome;

    private OpTable(History history) {
        this.history = history;
        this.timed = history.hasTimes();
        this.operations = history.operations();
        int count = operations.size();
        this.idByIndex = new HashMap<>(count * 4);
        this.start = new long[count];
        this.end = new long[count];
        this.outcome = new int[count];
        for (int id = 0; id < count; id++) {
            Operation operation = operations.get(id);
            idByIndex.put(operation.invoke().index(), id);
            start[id] = time(operation.invocation());
            if (operation.complete() == null) {
                end[id] = -1;
                outcome[id] = OPEN;
            } else {
                idByIndex.put(operation.complete().index(), id);
                end[id] = time(operation.completion());
                outcome[id] = switch (operation.outcome()) {
                    case OK -> OK;
                    case FAIL -> FAIL;
                    default -> INFO;
                };
            }
        }
    }

    static OpTable of(History history) {
        return new OpTable(history);
    }

    History history() {
        return history;
    }

    /** {@code micros} or {@code positions}. */
    String timeUnit() {
        return timed ? "micros" : "positions";
    }

    /** The time of the event at a history position, in report units. */
    long time(int position) {
        return timed ? history.get(position).timeNanos() / 1000 : position;
    }

    /** The time of a nanosecond timestamp of the run's clock ({@code faults.jsonl}, status lines). */
    long timeOfNanos(long nanos) {
        return timed ? nanos / 1000 : 0;
    }

    int size() {
        return operations.size();
    }

    Operation operation(int id) {
        return operations.get(id);
    }

    /** The op id of an {@link Op#index()} of either event of a client operation, or -1. */
    int idOfIndex(long opIndex) {
        if (opIndex < 0 || opIndex > Integer.MAX_VALUE) {
            return -1;
        }
        return idByIndex.getOrDefault((int) opIndex, -1);
    }

    long start(int id) {
        return start[id];
    }

    /** The completion time, or -1 when the operation never completed. */
    long end(int id) {
        return end[id];
    }

    int outcome(int id) {
        return outcome[id];
    }

    /**
     * The first time anything in the history happened, in report units: a run's clock starts
     * before its cluster does, so the first operation comes seconds after time 0.
     */
    long firstTime() {
        return history.size() == 0 ? 0 : time(0);
    }

    /** The last time anything in the history happened, in report units. */
    long lastTime() {
        return history.size() == 0 ? 0 : time(history.size() - 1);
    }

    /** The columns as the page reads them ({@code report.js}, {@code DATA.ops}). */
    Map<String, Object> toJson() {
        int count = operations.size();
        int[] process = new int[count];
        int[] f = new int[count];
        int[] key = new int[count];
        int[] node = new int[count];
        int[] invoke = new int[count];
        int[] complete = new int[count];
        String[] value = new String[count];
        String[] result = new String[count];
        Map<String, String> errors = new LinkedHashMap<>();
        List<Integer> finals = new ArrayList<>();
        Interner fs = new Interner();
        Interner keys = new Interner();
        Interner nodes = new Interner();
        for (int id = 0; id < count; id++) {
            Operation operation = operations.get(id);
            Op done = operation.complete();
            process[id] = operation.process();
            f[id] = fs.id(operation.f());
            key[id] = operation.key() == null ? -1 : keys.id(describe(operation.key()));
            node[id] = operation.node() == null ? -1 : nodes.id(operation.node());
            invoke[id] = operation.invoke().index();
            complete[id] = done == null ? -1 : done.index();
            value[id] = describe(operation.invoke().value());
            if (done != null && done.type() == OpType.OK && !java.util.Objects.equals(done.value(), operation.invoke().value())) {
                result[id] = describe(done.value());
            }
            Object error = done != null && done.error() != null ? done.error() : operation.invoke().error();
            if (error != null) {
                errors.put(Integer.toString(id), describe(error));
            }
            if (operation.isFinal()) {
                finals.add(id);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("process", process);
        json.put("start", start);
        json.put("end", end);
        json.put("outcome", outcome);
        json.put("f", f);
        json.put("fs", fs.names());
        json.put("key", key);
        json.put("keys", keys.names());
        json.put("node", node);
        json.put("nodes", nodes.names());
        json.put("invoke", invoke);
        json.put("complete", complete);
        json.put("value", value);
        json.put("result", result);
        json.put("errors", errors);
        json.put("final", finals);
        return json;
    }

    /** A value as the page shows it: {@link Values#describe}, cut to {@link #VALUE_CHARS_MAX}. */
    static String describe(Object value) {
        String text = Values.describe(value);
        return text.length() <= VALUE_CHARS_MAX ? text : text.substring(0, VALUE_CHARS_MAX - 1) + "…";
    }

    /** Numbers the distinct strings of a column in order of first appearance. */
    private static final class Interner {
        private final Map<String, Integer> ids = new LinkedHashMap<>();

        int id(String name) {
            return ids.computeIfAbsent(name, n -> ids.size());
        }

        List<String> names() {
            return new ArrayList<>(ids.keySet());
        }
    }
}
