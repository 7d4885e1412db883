package dev.faultline.target.common.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key-value state machine every target applies requests to, so that registers, sets and lists
 * mean the same everywhere. A key holds a register (write, cas), a set (add: a list without
 * duplicates, in insertion order) or a list (append); a read returns whatever the key holds, the
 * whole set or list included; {@code sync} changes nothing. Not thread-safe; deterministic.
 *
 * <p>{@link #decide} computes a request's outcome without changing anything, for cores that must
 * persist or replicate a change before they make it; {@link #apply} decides and applies at once.
 */
public final class KvStore {
    private final Map<Object, Object> data = new LinkedHashMap<>();

    /**
     * What a request does to the store.
     *
     * @param reply the answer for the client
     * @param changes whether {@code key} takes {@code newValue}
     */
    public record Decision(KvReply reply, boolean changes, Object key, Object newValue) {
        static Decision answer(KvReply reply) {
            return new Decision(reply, false, null, null);
        }

        static Decision change(Object key, Object newValue) {
            return new Decision(KvReply.ok(null), true, key, newValue);
        }
    }

    /** The outcome of {@code request} against the store as it is now; the store is left unchanged. */
    public Decision decide(KvRequest request) {
        Object key = request.key();
        Object current = data.get(key);
        return switch (request.op()) {
            case READ -> Decision.answer(KvReply.ok(current));
            case SYNC -> Decision.answer(KvReply.ok(null));
            case WRITE -> Decision.change(key, request.value());
            case CAS -> Objects.equals(current, request.expected())
                    ? Decision.change(key, request.newValue())
                    : Decision.answer(KvReply.fail(KvErrors.CAS_MISMATCH));
            case ADD -> grow(key, current, request.value(), true);
            case APPEND -> grow(key, current, request.value(), false);
        };
    }

    private static Decision grow(Object key, Object current, Object element, boolean isSet) {
        if (current != null && !(current instanceof List)) {
            return Decision.answer(KvReply.fail(KvErrors.WRONG_TYPE));
        }
        List<?> items = current == null ? List.of() : (List<?>) current;
        if (isSet && items.contains(element)) {
            return Decision.answer(KvReply.ok(null));
        }
        List<Object> grown = new ArrayList<>(items.size() + 1);
        grown.addAll(items);
        grown.add(element);
        return Decision.change(key, Collections.unmodifiableList(grown));
    }

    /** Decides {@code request} and makes its change, if any. */
    public KvReply apply(KvRequest request) {
        Decision decision = decide(request);
        if (decision.changes()) {
            put(decision.key(), decision.newValue());
        }
        return decision.reply();
    }

    public Object get(Object key) {
        return data.get(key);
    }

    public void put(Object key, Object value) {
        data.put(key, value);
    }

    public int size() {
        return data.size();
    }

    /** A copy of every key and its value, in insertion order, for a snapshot. */
    public Map<Object, Object> copy() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Replaces the whole store by {@code snapshot}. */
    public void restore(Map<Object, Object> snapshot) {
        data.clear();
        data.putAll(snapshot);
    }
}
