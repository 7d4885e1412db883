package dev.faultline.target.common.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key-value state machine every target serves (the memory target, and each replicated
 * protocol's apply step), so that read, write, cas, add and append mean the same on each: a key
 * holds a register (write, cas), a set (add: a list without duplicates, in insertion order) or a
 * list (append); a read returns whatever the key holds, the whole set or list included; a
 * collection operation on a register is {@code wrong-type}; {@code sync} changes nothing.
 *
 * <p>One shared implementation, so that a checker's verdict never depends on which target's copy
 * of these rules ran. Deterministic: the same requests in the same order give the same replies and
 * the same state on every replica. Not thread-safe: the core that owns it is single-threaded.
 *
 * <p>{@link #decide} computes a request's outcome without changing anything, for cores that must
 * persist or replicate a change before they make it; {@link #apply} decides and applies at once.
 */
public final class KvStore {
    /** Told of every change, e.g. to persist the key's new value or remember its old one. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(Object key, Object previous, Object value);
    }

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

    private static final ChangeListener IGNORE = (key, previous, value) -> { };

    private final Map<Object, Object> data = new LinkedHashMap<>();

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

    /** Decides {@code request} and makes its change, if any; a read answers with the value. */
    public KvReply apply(KvRequest request) {
        return apply(request, IGNORE);
    }

    /** Decides {@code request} and makes its change, if any, telling {@code listener} about it. */
    public KvReply apply(KvRequest request, ChangeListener listener) {
        Decision decision = decide(request);
        if (decision.changes()) {
            Object previous = data.put(decision.key(), decision.newValue());
            listener.changed(decision.key(), previous, decision.newValue());
        }
        return decision.reply();
    }

    /** The value at {@code key}, or null. */
    public Object get(Object key) {
        return data.get(key);
    }

    /** Sets {@code key} directly, as a recovered record or a decided change says it is. */
    public void put(Object key, Object value) {
        data.put(key, value);
    }

    /** Forgets every key, before restoring key by key. */
    public void clear() {
        data.clear();
    }

    public int size() {
        return data.size();
    }

    /** Every key and its value, in the order keys were first written (a read-only view). */
    public Map<Object, Object> entries() {
        return Collections.unmodifiableMap(data);
    }

    /** A copy of every key and value, in insertion order; values are immutable, so the copy is deep enough. */
    public Map<Object, Object> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Replaces everything by {@code snapshot} (from {@link #snapshot()}, possibly another node's). */
    public void restore(Map<Object, Object> snapshot) {
        data.clear();
        data.putAll(snapshot);
    }
}
