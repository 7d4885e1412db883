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
 * @param seenPosition the highest {@link KvReply#POSITION} the client has seen in any reply, from
 *     any server ({@link #NO_POSITION} if none): a server whose state is older must refuse the
 *     request ({@link KvErrors#SERVER_BEHIND}) rather than take the client back in time, as
 *     ZooKeeper refuses a session whose last seen zxid is ahead of the server's. Targets without
 *     positions ignore it.
 */
public record KvRequest(KvOp op, Object key, Object value, long clientId, long sequence, long seenPosition) {
    /** The position of a client that has seen nothing: every server is at or past it. */
    public static final long NO_POSITION = 0;

    public KvRequest {
        Objects.requireNonNull(op, "op");
        if (op == KvOp.CAS && !(value instanceof List<?> pair && pair.size() == 2)) {
            throw new IllegalArgumentException("cas needs the value [expected, new], was " + value);
        }
        if (seenPosition < NO_POSITION) {
            throw new IllegalArgumentException("seenPosition must be >= 0, was " + seenPosition);
        }
    }

    /** A request from a client that carries no position. */
    public KvRequest(KvOp op, Object key, Object value, long clientId, long sequence) {
        this(op, key, value, clientId, sequence, NO_POSITION);
    }

    /** This request, stamped with the highest position its client has seen. */
    public KvRequest withSeenPosition(long position) {
        return new KvRequest(op, key, value, clientId, sequence, position);
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
