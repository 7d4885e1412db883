package dev.faultline.checker.eventual;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made histories for tests: events appended in order, each {@value #STEP_NANOS} ns after the
 * previous unless {@link #at} says otherwise; modifiers ({@link #node}, {@link #finalRead},
 * {@link #meta}) change the last event. Values go through {@link Values#canonical}, so tests may
 * write {@code 1} for {@code 1L} and {@code List.of(1, 2)} for a set.
 */
final class Events {
    static final long STEP_NANOS = 1000;

    private final List<Op> ops = new ArrayList<>();
    private long timeNanos;

    Events invoke(int process, String f, Object key, Object value) {
        return event(OpType.INVOKE, process, f, key, value);
    }

    Events ok(int process, String f, Object key, Object value) {
        return event(OpType.OK, process, f, key, value);
    }

    Events fail(int process, String f, Object key, Object value) {
        return event(OpType.FAIL, process, f, key, value);
    }

    Events info(int process, String f, Object key, Object value) {
        return event(OpType.INFO, process, f, key, value);
    }

    /** A whole operation: its invocation, then at once its completion. */
    Events operation(int process, OpType outcome, String f, Object key, Object value) {
        invoke(process, f, key, outcome == OpType.OK && f.equals("read") ? null : value);
        return event(outcome, process, f, key, value);
    }

    /** A whole successful final read at a node. */
    Events finalRead(int process, String node, Object key, Object value) {
        invoke(process, "read", key, null).finalRead();
        return ok(process, "read", key, value).node(node).finalRead();
    }

    Events nemesis(String f) {
        return event(OpType.INFO, Op.NEMESIS, f, null, null);
    }

    /** Moves the clock: the next event happens at this time. */
    Events at(long newTimeNanos) {
        timeNanos = newTimeNanos - STEP_NANOS;
        return this;
    }

    /** Lets extra time pass before the next event. */
    Events advance(long nanos) {
        timeNanos += nanos;
        return this;
    }

    Events node(String node) {
        return replaceLast(last().withNode(node));
    }

    Events finalRead() {
        return replaceLast(last().withFinalRead(true));
    }

    Events meta(String name, Object value) {
        Map<String, Object> meta = new LinkedHashMap<>(last().meta());
        meta.put(name, Values.canonical(value));
        return replaceLast(last().withMeta(meta));
    }

    /** The index the next event will get. */
    int nextIndex() {
        return ops.size();
    }

    History history() {
        return History.of("test", ops);
    }

    private Events event(OpType type, int process, String f, Object key, Object value) {
        timeNanos += STEP_NANOS;
        ops.add(new Op(ops.size(), timeNanos, process, type, f, Values.canonical(key), Values.canonical(value),
                null, null, Map.of(), false));
        return this;
    }

    private Op last() {
        return ops.get(ops.size() - 1);
    }

    private Events replaceLast(Op op) {
        ops.set(ops.size() - 1, op);
        return this;
    }
}
