package dev.faultline.target.gossip;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.gossip.GossipMessage.Get;
import dev.faultline.target.gossip.GossipMessage.Put;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A write (or a set add) at its coordinator (Dynamo §4.5): direct mail of the new version to the
 * key's N homes, an ok once W of them made it durable.
 *
 * <ul>
 *   <li><b>ABD</b> (register writes in {@code mode=abd}): first a query phase: ask the homes for
 *       their entry and, once R answered, write with the tag (highest timestamp + 1, this node).
 *   <li><b>Sloppy quorum</b> ({@code handoff=on}): homes that have not acked after
 *       {@code handoff-after-millis} get a stand-in each, the next fallback on the ring, which keeps
 *       the version as a hint for that home; its ack counts toward W. With no fallback left (N equal
 *       to the cluster), the coordinator keeps the hint itself without counting it, as Cassandra does.
 *   <li>No W acks by the deadline: the write answers {@code info}, never {@code fail}, since some
 *       replica may have applied it and gossip may still spread it.
 * </ul>
 */
final class WriteCoordination extends Coordination {
    private final Object value;
    private final boolean add;
    private final Map<String, Entry> queried = new LinkedHashMap<>();
    private final Set<String> acked = new HashSet<>();
    private final Set<String> homesAcked = new HashSet<>();
    private final Set<String> standIns = new HashSet<>();
    private Entry entry;
    private long handoffAtNanos;
    private boolean handedOff;

    WriteCoordination(Coordinator coordinator, long id, long requestId, Object key, Object value, boolean add, long nowNanos) {
        super(coordinator, id, requestId, key, nowNanos);
        this.value = value;
        this.add = add;
    }

    @Override
    void start(long nowNanos, long wallMicros) {
        if (add) {
            dispatch(Entry.GrowSet.of(value), nowNanos);
        } else if (coordinator.options().abd()) {
            for (String home : coordinator.readTargets(homes)) {
                if (home.equals(coordinator.self())) {
                    onGetReply(home, coordinator.replica().get(key));
                } else {
                    coordinator.send(home, new Get(id, key));
                }
            }
        } else {
            dispatch(coordinator.newVersion(key, value, wallMicros), nowNanos);
        }
    }

    /** Direct mail: the new entry to every home, the local one first. */
    private void dispatch(Entry written, long nowNanos) {
        entry = written;
        handoffAtNanos = nowNanos + coordinator.options().handoffAfterMillis() * 1_000_000L;
        for (String home : homes) {
            if (home.equals(coordinator.self())) {
                coordinator.replica().merge(key, entry, true);
                ackFrom(home);
            } else {
                // After persistence: a version (and its reserved counter) is durable here before anyone else sees it.
                coordinator.sendAfterPersist(home, new Put(id, key, entry, null));
            }
        }
    }

    @Override
    void onGetReply(String from, Entry held) {
        if (entry != null || !homes.contains(from) || queried.containsKey(from)) {
            return;
        }
        queried.put(from, held);
        if (queried.size() >= coordinator.quorums().readQuorum()) {
            dispatch(coordinator.abdVersion(value, new ArrayList<>(queried.values())), coordinator.nowNanos());
        }
    }

    @Override
    void onPutAck(String from) {
        if (entry != null && (homes.contains(from) || standIns.contains(from))) {
            ackFrom(from);
        }
    }

    private void ackFrom(String node) {
        acked.add(node);
        if (homes.contains(node)) {
            homesAcked.add(node);
        }
        if (!replied() && acked.size() >= coordinator.quorums().writeQuorum()) {
            reply(KvReply.ok(null, coordinator.meta(entry)));
        }
    }

    @Override
    void onTick(long nowNanos) {
        if (!replied() && expired(nowNanos)) {
            reply(KvReply.info(Coordinator.QUORUM_TIMEOUT));
            return;
        }
        if (coordinator.options().handoff() && entry != null && !handedOff && nowNanos >= handoffAtNanos
                && homesAcked.size() < homes.size()) {
            handOff();
        }
    }

    /** Dynamo's hinted handoff: a stand-in for every home that has not acked yet. */
    private void handOff() {
        handedOff = true;
        List<String> fallbacks = coordinator.ring().fallbacks(coordinator.ring().segmentOf(Ring.keyHash(key)));
        int next = 0;
        for (String home : homes) {
            if (homesAcked.contains(home)) {
                continue;
            }
            if (next == fallbacks.size()) {
                coordinator.replica().hint(home, key, entry);
                continue;
            }
            String standIn = fallbacks.get(next++);
            standIns.add(standIn);
            if (standIn.equals(coordinator.self())) {
                if (coordinator.replica().hint(home, key, entry)) {
                    ackFrom(standIn);
                }
            } else {
                coordinator.send(standIn, new Put(id, key, entry, home));
            }
        }
    }

    @Override
    boolean done(long nowNanos) {
        return expired(nowNanos) || (replied() && homesAcked.size() == homes.size());
    }
}
