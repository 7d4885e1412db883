package dev.faultline.target.zab;

import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client side of one ZAB server, with ZooKeeper's semantics:
 *
 * <ul>
 *   <li>changes (write, cas, add, append) go to the leader as a {@link ZabMessage.Forward} (or are
 *       proposed here on the leader) and are answered when this server delivers their
 *       transaction, so a client reads its own writes here afterwards;
 *   <li>reads are answered from the delivered state at once ({@code read=local}: sequentially
 *       consistent, since each client talks to one server whose state only moves forward), or
 *       after a sync ({@code read=sync}, or the {@code sync} op): the leader confirms with a quorum
 *       that it still leads and names its commit point, and the read waits until this server has
 *       delivered that far;
 *   <li>a client that has seen a newer position than this server delivered is refused
 *       ({@code server-behind}), as ZooKeeper refuses a session whose last zxid is ahead.
 * </ul>
 *
 * Every reply carries the delivered zxid as {@link KvReply#POSITION}. Every request gets one
 * reply: waiting ones time out ({@code info} for a change, which may still commit; {@code fail}
 * for a read, which changes nothing) and are given up when the server stops serving.
 */
final class Clients {
    /** A client request this server waits on; {@code id} names it in forwarded messages and transactions. */
    private static final class Waiting {
        final long requestId;
        final KvRequest request;
        final long deadlineTick;
        /** For a read or sync: the zxid to deliver before answering, once the leader named it. */
        Zxid syncedTo;

        Waiting(long requestId, KvRequest request, long deadlineTick) {
            this.requestId = requestId;
            this.request = request;
            this.deadlineTick = deadlineTick;
        }
    }

    private final Replica replica;
    private final Map<Long, Waiting> changes = new LinkedHashMap<>();
    private final Map<Long, Waiting> reads = new LinkedHashMap<>();
    /**
     * Ids for forwarded requests, unique across this server's lives (the shell's request ids start
     * again after a restart, and a transaction proposed before a crash may be delivered after it).
     */
    private long nextId;

    Clients(Replica replica, long idOrigin) {
        this.replica = replica;
        this.nextId = idOrigin;
    }

    /** Handles a client request on a server in {@code role}. */
    void request(ClientRequest client, Role role) {
        KvRequest request = client.request();
        if (!role.serving()) {
            replica.ready.reply(client.requestId(), KvReply.fail(KvErrors.UNAVAILABLE));
            return;
        }
        if (request.seenPosition() > replica.position() && !replica.config.has(Bug.SKIP_ZXID_CHECK_ON_CONNECT)) {
            replica.ready.reply(client.requestId(), positioned(KvReply.fail(KvErrors.SERVER_BEHIND)));
            return;
        }
        boolean read = request.op() == KvOp.READ;
        if (read && !replica.config.syncReads()) {
            replica.ready.reply(client.requestId(), positioned(replica.store.apply(request)));
            return;
        }
        if (changes.size() + reads.size() >= replica.config.pendingRequestsMax()) {
            replica.ready.reply(client.requestId(), KvReply.fail(KvErrors.OVERLOADED));
            return;
        }
        long id = nextId++;
        Waiting waiting = new Waiting(client.requestId(), request, replica.ticks + replica.config.requestTimeoutTicks());
        if (read || request.op() == KvOp.SYNC) {
            reads.put(id, waiting);
            role.requestSync(id);
        } else {
            changes.put(id, waiting);
            role.requestChange(id, request);
        }
    }

    /** A change this server forwarded or proposed was delivered here: answer its client. */
    void changeDelivered(Txn txn, KvReply reply) {
        Waiting waiting = changes.remove(txn.requestId());
        if (waiting != null) {
            replica.ready.reply(waiting.requestId, positioned(reply));
        }
    }

    /** The leader answered sync {@code id}: the read may be served once {@code zxid} is delivered. */
    void synced(long id, Zxid zxid) {
        Waiting waiting = reads.get(id);
        if (waiting != null && waiting.syncedTo == null) {
            waiting.syncedTo = zxid;
            serveSyncedReads();
        }
    }

    /** A change the leader could not propose (it is not established, or its counter ran out). */
    void refuse(long id) {
        Waiting waiting = changes.remove(id);
        if (waiting != null) {
            replica.ready.reply(waiting.requestId, KvReply.fail(KvErrors.UNAVAILABLE));
        }
    }

    /** Answers every synced read whose sync point has been delivered. */
    void serveSyncedReads() {
        for (Iterator<Waiting> iterator = reads.values().iterator(); iterator.hasNext(); ) {
            Waiting waiting = iterator.next();
            if (waiting.syncedTo != null && !waiting.syncedTo.isAfter(replica.delivered)) {
                iterator.remove();
                replica.ready.reply(waiting.requestId, positioned(replica.store.apply(waiting.request)));
            }
        }
    }

    /** Times out requests that waited too long. */
    void expire() {
        expire(changes, KvReply.info(KvErrors.TIMEOUT), false);
        expire(reads, KvReply.fail(KvErrors.TIMEOUT), false);
    }

    /** The server stopped serving (it looks for a leader again): nothing waiting will be answered otherwise. */
    void abandonAll() {
        expire(changes, KvReply.info(KvErrors.LEADERSHIP_LOST), true);
        expire(reads, KvReply.fail(KvErrors.UNAVAILABLE), true);
    }

    private void expire(Map<Long, Waiting> waitingById, KvReply reply, boolean all) {
        for (Iterator<Waiting> iterator = waitingById.values().iterator(); iterator.hasNext(); ) {
            Waiting waiting = iterator.next();
            if (all || replica.ticks >= waiting.deadlineTick) {
                iterator.remove();
                replica.ready.reply(waiting.requestId, reply);
            }
        }
    }

    int waitingCount() {
        return changes.size() + reads.size();
    }

    private KvReply positioned(KvReply reply) {
        return new KvReply(reply.outcome(), reply.value(), reply.error(), reply.leaderHint(),
                Map.of(KvReply.POSITION, replica.position()));
    }
}
