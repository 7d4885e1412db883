package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Several registers changed atomically (Knossos {@code multi-register}): a {@code txn} whose value
 * is a list of micro-operations {@code [read k v]} and {@code [write k v]} (also {@code r} and
 * {@code w}), applied in order. A read is legal when it returns the register's current value; a
 * read of nil follows {@link Semantics#nilRead()}. An {@code info} transaction's reads tell
 * nothing and its writes may have happened. The state is an immutable map; absent keys are nil.
 */
final class MultiRegisterModel implements Model<Map<Object, Object>> {
    private final Semantics semantics;
    private final Map<Object, Object> initial;

    MultiRegisterModel(Semantics semantics) {
        this.semantics = semantics;
        Object given = semantics.initialOr(Map.of());
        if (!(given instanceof Map<?, ?> registers)) {
            throw new IllegalArgumentException("--initial for the multi-register model must be a JSON object, was "
                    + Values.describe(given));
        }
        Map<Object, Object> copy = new HashMap<>();
        registers.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        this.initial = Map.copyOf(copy);
    }

    @Override
    public String name() {
        return "multi-register";
    }

    @Override
    public Map<Object, Object> initialState() {
        return initial;
    }

    @Override
    public Call interpret(Operation operation) {
        if (!operation.f().equals("txn")) {
            throw new IllegalArgumentException("model multi-register has no function '" + operation.f() + "' (it knows txn)");
        }
        OpType outcome = operation.outcome();
        if (outcome == OpType.FAIL) {
            return null;
        }
        Object micro = outcome == OpType.OK ? operation.complete().value() : operation.invoke().value();
        for (Object step : microOps(micro)) {
            function(step);
        }
        return outcome == OpType.OK
                ? new Call(operation.key(), "txn", null, micro, OpType.OK)
                : new Call(operation.key(), "txn", micro, null, OpType.INFO);
    }

    private static List<?> microOps(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("a txn value must be a list of [f k v], was " + Values.describe(value));
    }

    /** True for a write, false for a read; anything else is malformed. */
    private static boolean function(Object step) {
        if (step instanceof List<?> triple && triple.size() == 3 && triple.get(0) instanceof String f) {
            switch (f) {
                case "read", "r" -> {
                    return false;
                }
                case "write", "w" -> {
                    return true;
                }
                default -> { }
            }
        }
        throw new IllegalArgumentException("a txn micro-operation must be [read k v] or [write k v], was " + Values.describe(step));
    }

    @Override
    public Map<Object, Object> step(Map<Object, Object> state, Call call) {
        boolean known = !call.isInfo();
        Map<Object, Object> next = null;
        for (Object step : microOps(known ? call.output() : call.input())) {
            List<?> triple = (List<?>) step;
            Object key = triple.get(1);
            Object value = triple.get(2);
            Map<Object, Object> current = next == null ? state : next;
            if (function(step)) {
                if (next == null) {
                    next = new HashMap<>(state);
                }
                if (value == null) {
                    next.remove(key);
                } else {
                    next.put(key, value);
                }
            } else if (known && !semantics.readTellsNothing(value) && !Objects.equals(current.get(key), value)) {
                return null;
            }
        }
        return next == null ? state : Map.copyOf(next);
    }

    @Override
    public boolean isReadOnly(Call call) {
        if (call.isInfo()) {
            return false;
        }
        for (Object step : microOps(call.output())) {
            if (function(step)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describeState(Map<Object, Object> state) {
        Map<String, String> sorted = new TreeMap<>();
        state.forEach((key, value) -> sorted.put(Values.describe(key), Values.describe(value)));
        List<String> entries = new ArrayList<>();
        sorted.forEach((key, value) -> entries.add(key + " " + value));
        return "{" + String.join(", ", entries) + "}";
    }
}
