package dev.faultline.harness.fake;

import dev.faultline.harness.client.Completion;
import dev.faultline.harness.client.Invocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A linearizable in-memory key-value store, one lock around every operation (Jepsen's
 * {@code atom-db}): read, write, cas, and add/append to a list. The null key is the single object.
 */
public class AtomStore {
    private final Map<Object, Object> values = new HashMap<>();

    /** Applies one operation as the node would. */
    public synchronized Completion apply(String node, Invocation invocation) {
        Object key = invocation.key();
        return switch (invocation.f()) {
            case "read" -> Completion.ok(read(node, key));
            case "write" -> {
                values.put(key, invocation.value());
                yield Completion.ok(invocation.value());
            }
            case "cas" -> {
                List<?> expectedAndNew = (List<?>) invocation.value();
                if (!Objects.equals(values.get(key), expectedAndNew.get(0))) {
                    yield Completion.fail("cas-mismatch");
                }
                values.put(key, expectedAndNew.get(1));
                yield Completion.ok(invocation.value());
            }
            case "add", "append" -> {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) values.computeIfAbsent(key, k -> new ArrayList<>());
                list.add(invocation.value());
                yield Completion.ok(invocation.value());
            }
            default -> Completion.fail("unsupported: " + invocation.f());
        };
    }

    /** The value a read on this node returns; the latest, in a correct store. */
    protected Object read(String node, Object key) {
        return copy(values.get(key));
    }

    /** A snapshot of every value, for stores that serve old state. */
    protected synchronized Map<Object, Object> snapshot() {
        Map<Object, Object> snapshot = new HashMap<>();
        values.forEach((key, value) -> snapshot.put(key, copy(value)));
        return snapshot;
    }

    private static Object copy(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : value;
    }
}
