package dev.faultline.target.gossip;

import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.gossip.Entry.Register;
import dev.faultline.target.gossip.GossipOptions.Quorums;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Every node coordinates any client request (Dynamo §4.5, without a load balancer in front):
 * {@code write} and {@code add} become a {@link WriteCoordination}, {@code read} a
 * {@link ReadCoordination}; {@code cas}, {@code append} and {@code sync} are refused with the
 * definite {@code unsupported} (an AP store has no compare-and-set). This class holds what the
 * coordinations share: the outbox, the replica, how new versions are stamped, and the
 * {@code meta} the replies carry.
 *
 * <p>Reply {@code meta} (white-box fields for the checkers; the convergence and staleness
 * checkers read {@code timestamp} and {@code version}): for a register write, the version it
 * created; for a register read, the version returned (absent when the key was never written):
 * <ul>
 *   <li>{@code timestamp}: the version's stamp (coordinator wall clock in microseconds; an ABD tag);
 *   <li>{@code writer}: the coordinator that stamped it;
 *   <li>{@code version} (lww and abd): one integer in the stamp's order, {@code timestamp * 256 +
 *       rank of writer}, which totally orders the key's writes the way replicas resolve them;
 *   <li>{@code vv} and {@code siblings} (vv): the version vector and how many siblings the replica
 *       or read held (no {@code version}: version vectors order writes only partially).
 * </ul>
 */
final class Coordinator {
    /** info: a write did not reach W acks in time; some replicas may have it. */
    static final String QUORUM_TIMEOUT = "quorum-timeout";
    /** fail: a read did not hear from R replicas (or could not write back) in time. */
    static final String QUORUM_UNAVAILABLE = "quorum-unavailable";
    /** In-flight requests beyond this are refused as overloaded: every collection is bounded. */
    static final int COORDINATIONS_MAX = 10_000;

    private final String self;
    private final Ring ring;
    private final Quorums quorums;
    private final GossipOptions options;
    private final Replica replica;
    private final Ready.Builder<GossipMessage, GossipRecord> ready;
    private final MessageIds ids;
    private final RandomGenerator random;
    private final Map<Long, Coordination> inFlight = new LinkedHashMap<>();
    /**
     * The last timestamp this node stamped a register version with (wall-clock microseconds, or an
     * ABD tag): strictly increasing, so two writes through one coordinator never share a stamp.
     */
    private long lastTimestamp;
    private long nowNanos;

    Coordinator(String self, Ring ring, Quorums quorums, GossipOptions options, Replica replica,
            Ready.Builder<GossipMessage, GossipRecord> ready, MessageIds ids, RandomGenerator random) {
        this.self = self;
        this.ring = ring;
        this.quorums = quorums;
        this.options = options;
        this.replica = replica;
        this.ready = ready;
        this.ids = ids;
        this.random = random;
    }

    void request(ClientRequest request, long nowNanos, long wallMicros) {
        this.nowNanos = nowNanos;
        KvRequest kv = request.request();
        if (inFlight.size() >= COORDINATIONS_MAX) {
            ready.reply(request.requestId(), KvReply.fail(KvErrors.OVERLOADED));
            return;
        }
        long id = ids.next();
        Coordination coordination = switch (kv.op()) {
            case WRITE -> new WriteCoordination(this, id, request.requestId(), kv.key(), kv.value(), false, nowNanos);
            case ADD -> new WriteCoordination(this, id, request.requestId(), kv.key(), kv.value(), true, nowNanos);
            case READ -> new ReadCoordination(this, id, request.requestId(), kv.key(), nowNanos);
            case CAS, APPEND, SYNC -> null;
        };
        if (coordination == null) {
            ready.reply(request.requestId(), KvReply.fail(KvErrors.UNSUPPORTED));
            return;
        }
        inFlight.put(id, coordination);
        coordination.start(nowNanos, wallMicros);
        forgetIfDone(coordination);
    }

    /** Routes a reply to its coordination; false when none is waiting for it (it timed out, or it is not ours). */
    boolean onGetReply(String from, long id, Entry entry, long nowNanos) {
        this.nowNanos = nowNanos;
        Coordination coordination = inFlight.get(id);
        if (coordination == null) {
            return false;
        }
        coordination.onGetReply(from, entry);
        forgetIfDone(coordination);
        return true;
    }

    boolean onPutAck(String from, long id, long nowNanos) {
        this.nowNanos = nowNanos;
        Coordination coordination = inFlight.get(id);
        if (coordination == null) {
            return false;
        }
        coordination.onPutAck(from);
        forgetIfDone(coordination);
        return true;
    }

    void tick(long nowNanos) {
        this.nowNanos = nowNanos;
        for (Iterator<Coordination> iterator = inFlight.values().iterator(); iterator.hasNext(); ) {
            Coordination coordination = iterator.next();
            coordination.onTick(nowNanos);
            if (coordination.done(nowNanos)) {
                iterator.remove();
            }
        }
    }

    private void forgetIfDone(Coordination coordination) {
        if (coordination.done(nowNanos)) {
            inFlight.remove(coordination.id);
        }
    }

    /**
     * A new register version written through this node. Last-writer-wins: stamped with this
     * node's wall clock in microseconds, kept strictly increasing while the node runs. Version
     * vectors: the clock of what the local replica holds for the key (a coordinator that is not a
     * home has no context), with this node's next counter.
     */
    Register newVersion(Object key, Object value, long wallMicros) {
        lastTimestamp = Math.max(wallMicros, lastTimestamp + 1);
        Stamp stamp = new Stamp(lastTimestamp, self);
        if (!options.versionVectors()) {
            return Register.of(new Version(value, stamp, VersionVector.EMPTY));
        }
        VersionVector context = VersionVector.EMPTY;
        if (replica.get(key) instanceof Register local) {
            for (Version sibling : local.siblings()) {
                context = context.merge(sibling.clock());
            }
        }
        return Register.of(new Version(value, stamp, context.with(self, replica.nextCounter())));
    }

    /**
     * The homes a read (or ABD's query phase) asks: all of them with {@code read-from=all}, so
     * the first R replies win (the local copy first when this node is a home); with
     * {@code read-from=r}, R of them picked at random.
     */
    List<String> readTargets(List<String> homes) {
        if (options.readFromAll()) {
            return homes;
        }
        List<String> shuffled = new ArrayList<>(homes);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        return List.copyOf(shuffled.subList(0, quorums.readQuorum()));
    }

    /**
     * ABD's write tag: above the highest timestamp a read quorum reported, with this node's id. It
     * is also above this node's last tag: ABD's writer id names one sequential writer, but many
     * clients write through one coordinator at once, and two concurrent writes that read the same
     * quorum would otherwise carry one tag with two values.
     */
    Register abdVersion(Object value, List<Entry> quorum) {
        long highest = 0;
        for (Entry held : quorum) {
            if (held instanceof Register register) {
                highest = Math.max(highest, register.winner().stamp().timestamp());
            }
        }
        lastTimestamp = Math.max(highest, lastTimestamp) + 1;
        return Register.of(new Version(value, new Stamp(lastTimestamp, self), VersionVector.EMPTY));
    }

    /** The white-box fields of a reply about {@code entry} (see the class comment). */
    Map<String, Object> meta(Entry entry) {
        if (!(entry instanceof Register register)) {
            return Map.of();
        }
        Version winner = register.winner();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("timestamp", winner.stamp().timestamp());
        meta.put("writer", winner.stamp().node());
        if (options.versionVectors()) {
            meta.put("vv", winner.clock().toValue());
            meta.put("siblings", (long) register.siblings().size());
        } else {
            meta.put("version", winner.stamp().version(ring.rank(winner.stamp().node())));
        }
        return meta;
    }

    void send(String to, GossipMessage message) {
        ready.send(to, message);
    }

    void sendAfterPersist(String to, GossipMessage message) {
        ready.sendAfterPersist(to, message);
    }

    void reply(long requestId, KvReply reply) {
        ready.reply(requestId, reply);
    }

    String self() {
        return self;
    }

    Ring ring() {
        return ring;
    }

    Quorums quorums() {
        return quorums;
    }

    GossipOptions options() {
        return options;
    }

    Replica replica() {
        return replica;
    }

    long nowNanos() {
        return nowNanos;
    }

    int inFlight() {
        return inFlight.size();
    }

    long lastTimestamp() {
        return lastTimestamp;
    }
}
