package dev.faultline.target.common.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key-value state machine every target serves, so that read, write, cas, add and append mean
 * the same on each: a key holds a register (write, cas), a set (add: a list without duplicates, in
 * insertion order) or a list (append); a read returns whatever the key holds, the whole set or list
 * included. Deterministic: the same requests in the same order give the same replies and the same
 * state on every replica. Not thread-safe (a core owns it).
 */
public final class KvStore {
    /** Told of every change, e.g. to persist the key's new value or remember its old one. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(Object key, Object previous, Object value);
    }

    private static final ChangeListener IGNORE = (key, previous, value) -> { };

    private final Map<Object, Object> data = new LinkedHashMap<>();

    /** Applies {@code request}; a read answers with the value, {@code sync} with null. */
    public KvReply apply(KvRequest request) {
        return apply(request, IGNORE);
    }

    /** Applies {@code request}, telling {@code listener} about the change it made, if any. */
    public KvReply apply(KvRequest request, ChangeListener listener) {
        Object key = request.key();
        Object current = data.get(key);
        return switch (request.op()) {
            case READ -> KvReply.ok(current);
            case WRITE -> change(key, current, request.value(), listener);
            case CAS -> Objects.equals(current, request.expected())
                    ? change(key, current, request.newValue(), listener)
                    : KvReply.fail(KvErrors.CAS_MISMATCH);
            case ADD -> collection(key, current, request.value(), true, listener);
            case APPEND -> collection(key, current, request.value(), false, listener);
            case SYNC -> KvReply.ok(null);
        };
    }

    private KvReply collection(Object key, Object current, Object element, boolean isSet, ChangeListener listener) {
        if (current != null && !(current instanceof List)) {
            return KvReply.fail(KvErrors.WRONG_TYPE);
        }
        List<?> items = current == null ? List.of() : (List<?>) current;
        if (isSet && items.contains(element)) {
            return KvReply.ok(null);
        }
        List<Object> grown = new ArrayList<>(items.size() + 1);
        grown.addAll(items);
        grown.add(element);
        return change(key, current, Collections.unmodifiableList(grown), listener);
    }

    private KvReply change(Object key, Object current, Object value, ChangeListener listener) {
        data.put(key, value);
        listener.changed(key, current, value);
        return KvReply.ok(null);
    }

    /** The value at {@code key}, or null. */
    public Object get(Object key) {
        return data.get(key);
    }

    /** Sets {@code key} directly, for restoring from a snapshot or a durable record. */
    public void put(Object key, Object value) {
        data.put(key, value);
    }

    /** Forgets every key, before restoring a snapshot. */
    public void clear() {
        data.clear();
    }

    /** Every key and its value, in the order keys were first written (read-only view). */
    public Map<Object, Object> entries() {
        return Collections.unmodifiableMap(data);
    }

    public int size() {
        return data.size();
    }
}
