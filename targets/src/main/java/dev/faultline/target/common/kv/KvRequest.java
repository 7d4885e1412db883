package dev.faultline.target.common.kv;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One client request.
 *
 * @param op what to do
 * @param key the object it touches (a canonical history value; null for single-object workloads)
 * @param value the argument: the value to write, {@code [expected, new]} for cas, the element for
 *     add and append, null for read and sync
 * @param clientId the logical client (the harness's process), for session deduplication
 * @param sequence the client's own request counter, increasing by one per new request and kept
 *     when the same request is retried, so a server can answer a retried write from its session
 *     table instead of applying it twice (Raft dissertation §6.3)
 */
public record KvRequest(KvOp op, Object key, Object value, long clientId, long sequence) {
    public KvRequest {
        Objects.requireNonNull(op, "op");
        if (op == KvOp.CAS && !(value instanceof List<?> pair && pair.size() == 2)) {
            throw new IllegalArgumentException("cas needs the value [expected, new], was " + value);
        }
    }

    public static KvRequest read(Object key, long clientId, long sequence) {
        return new KvRequest(KvOp.READ, key, null, clientId, sequence);
    }

    public static KvRequest write(Object key, Object value, long clientId, long sequence) {
        return new KvRequest(KvOp.WRITE, key, value, clientId, sequence);
    }

    public static KvRequest cas(Object key, Object expected, Object newValue, long clientId, long sequence) {
        // Arrays.asList, unlike List.of, allows null: a cas from the initial nil is common.
        return new KvRequest(KvOp.CAS, key, Collections.unmodifiableList(Arrays.asList(expected, newValue)), clientId,
                sequence);
    }

    /** For cas: the expected value. */
    public Object expected() {
        return ((List<?>) value).get(0);
    }

    /** For cas: the value to set when the expected one is there. */
    public Object newValue() {
        return ((List<?>) value).get(1);
    }
}
