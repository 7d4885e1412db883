package dev.faultline.target.raft;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.KvStore;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replicated state machine: a {@link KvStore} plus the client sessions that make retried
 * writes idempotent (Raft dissertation §6.3). Each client's requests carry increasing sequence
 * numbers; the session keeps the latest sequence applied and its reply, so a retry of that request
 * is answered from the session, and an older one (a late duplicate) is not applied at all.
 * Sessions live in the replicated state, so they are in every snapshot, and the table is bounded:
 * beyond {@code sessionsMax} the session applied longest ago is dropped, deterministically, on
 * every replica alike.
 */
final class KvStateMachine {
    /** Answer (info) to a request older than its client's latest: the client has moved on. */
    static final String STALE_SEQUENCE = "stale-sequence";

    private record Session(long sequence, KvReply reply) {}

    private final KvStore store = new KvStore();
    /** Client id to session, in order of the latest apply (eldest first). */
    private final LinkedHashMap<Long, Session> sessions = new LinkedHashMap<>();
    private final int sessionsMax;
    private final boolean deduplicate;

    KvStateMachine(int sessionsMax, boolean deduplicate) {
        this.sessionsMax = sessionsMax;
        this.deduplicate = deduplicate;
    }

    /**
     * Applies a committed write, cas, add or append. A request with sequence 0 or below has no
     * session and is always applied.
     */
    KvReply apply(KvRequest request) {
        boolean hasSession = request.sequence() > 0;
        if (hasSession && deduplicate) {
            Session session = sessions.get(request.clientId());
            if (session != null && request.sequence() == session.sequence()) {
                return session.reply();
            }
            if (session != null && request.sequence() < session.sequence()) {
                return KvReply.info(STALE_SEQUENCE);
            }
        }
        KvReply reply = store.apply(request);
        if (hasSession && deduplicate) {
            remember(request.clientId(), new Session(request.sequence(), reply));
        }
        return reply;
    }

    private void remember(long clientId, Session session) {
        sessions.remove(clientId);
        sessions.put(clientId, session);
        if (sessions.size() > sessionsMax) {
            Iterator<Long> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** A read (or sync) of the current state; changes nothing. */
    KvReply read(KvRequest request) {
        return store.apply(request);
    }

    int keyCount() {
        return store.size();
    }

    int sessionCount() {
        return sessions.size();
    }

    /** The whole state as bytes: keys in order, then sessions eldest first. */
    byte[] snapshot() {
        WireOutput out = new WireOutput(256);
        out.writeInt(store.size());
        for (Map.Entry<Object, Object> entry : store.entries().entrySet()) {
            out.writeValue(entry.getKey()).writeValue(entry.getValue());
        }
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Session> entry : sessions.entrySet()) {
            out.writeLong(entry.getKey()).writeLong(entry.getValue().sequence());
            KvCodec.writeReply(out, 0, entry.getValue().reply());
        }
        return out.toByteArray();
    }

    /** Replaces the whole state by a {@link #snapshot()}. */
    void restore(byte[] snapshot) {
        WireInput in = new WireInput(snapshot);
        store.clear();
        sessions.clear();
        int keys = in.readCount(2);
        for (int i = 0; i < keys; i++) {
            store.put(in.readValue(), in.readValue());
        }
        int sessionCount = in.readCount(24);
        for (int i = 0; i < sessionCount; i++) {
            long clientId = in.readLong();
            long sequence = in.readLong();
            in.readLong(); // the client protocol encoding's correlation id, unused here
            sessions.put(clientId, new Session(sequence, KvCodec.readReply(in)));
        }
        in.expectEnd();
    }
}
