package dev.faultline.target.common.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key-value state machine every target of ours serves (the memory target, and each
 * replicated protocol's apply step): a deterministic map from key to value where a key holds a
 * register (write, cas), a set (add: a list without duplicates, in insertion order) or a list
 * (append). A read returns whatever the key holds, a whole set or list included; a collection
 * operation on a register is {@code wrong-type}; {@code sync} is a no-op barrier.
 *
 * <p>One shared implementation, so that every target answers the same request the same way and a
 * checker's verdict never depends on which target's copy of these rules ran. Not thread-safe: the
 * core that owns it is single-threaded.
 */
public final class KvStore {
    private final Map<Object, Object> data = new LinkedHashMap<>();

    /** Applies {@code request} and returns the reply a client gets for it. */
    public KvReply apply(KvRequest request) {
        Object key = request.key();
        Object current = data.get(key);
        return switch (request.op()) {
            case READ -> KvReply.ok(current);
            case WRITE -> put(key, request.value());
            case CAS -> Objects.equals(current, request.expected())
                    ? put(key, request.newValue())
                    : KvReply.fail(KvErrors.CAS_MISMATCH);
            case ADD -> collection(key, current, request.value(), true);
            case APPEND -> collection(key, current, request.value(), false);
            case SYNC -> KvReply.ok(null);
        };
    }

    private KvReply collection(Object key, Object current, Object element, boolean isSet) {
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
        return put(key, Collections.unmodifiableList(grown));
    }

    private KvReply put(Object key, Object value) {
        data.put(key, value);
        return KvReply.ok(null);
    }

    /** The value {@code key} holds, or null. */
    public Object get(Object key) {
        return data.get(key);
    }

    /** Sets {@code key} to {@code value}, as a recovered record says it was. */
    public void restore(Object key, Object value) {
        data.put(key, value);
    }

    /** Replaces everything by {@code snapshot} (from {@link #snapshot()}, possibly another node's). */
    public void restore(Map<Object, Object> snapshot) {
        data.clear();
        data.putAll(snapshot);
    }

    /** A copy of every key and value, in insertion order; values are immutable, so the copy is deep enough. */
    public Map<Object, Object> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public int size() {
        return data.size();
    }
}
