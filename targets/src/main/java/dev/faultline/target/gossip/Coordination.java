package dev.faultline.target.gossip;

import dev.faultline.target.common.kv.KvReply;
import java.util.List;

/**
 * One client request in flight at its coordinator: the replicas it asked, what came back, and
 * when it gives up. Subclasses are the write and the read; each answers its client exactly once
 * and may stay a little longer to finish repairs or handoffs, never past its deadline.
 */
abstract class Coordination {
    final Coordinator coordinator;
    final long id;
    final long requestId;
    final Object key;
    final List<String> homes;
    final long deadlineNanos;
    private boolean replied;

    Coordination(Coordinator coordinator, long id, long requestId, Object key, long nowNanos) {
        this.coordinator = coordinator;
        this.id = id;
        this.requestId = requestId;
        this.key = key;
        this.homes = coordinator.ring().homes(coordinator.ring().segmentOf(Ring.keyHash(key)));
        this.deadlineNanos = nowNanos + coordinator.options().requestTimeoutMillis() * 1_000_000L;
    }

    /** Sends the first round of messages (and serves the local replica's part at once). */
    abstract void start(long nowNanos, long wallMicros);

    /** A replica answered this coordination's {@code Get}. */
    abstract void onGetReply(String from, Entry entry);

    /** A replica made this coordination's {@code Put} durable. */
    abstract void onPutAck(String from);

    /** Time passed; {@code nowNanos} is the node's monotonic clock. */
    abstract void onTick(long nowNanos);

    /** Whether nothing is left to do and the coordination can be forgotten. */
    abstract boolean done(long nowNanos);

    boolean replied() {
        return replied;
    }

    /** Answers the client; exactly once. */
    final void reply(KvReply reply) {
        if (replied) {
            throw new IllegalStateException("request " + requestId + " (coordination " + id + ") answered twice");
        }
        replied = true;
        coordinator.reply(requestId, reply);
    }

    boolean expired(long nowNanos) {
        return nowNanos >= deadlineNanos;
    }
}
