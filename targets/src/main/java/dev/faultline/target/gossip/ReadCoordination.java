package dev.faultline.target.gossip;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.gossip.GossipMessage.Get;
import dev.faultline.target.gossip.GossipMessage.Put;
import dev.faultline.target.gossip.GossipOptions.ReadRepair;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read at its coordinator: ask the homes ({@link Coordinator#readTargets}: all N, or R at
 * random), and once R answered, return the merge of what they
 * hold (the newest version, the siblings, the union of a set). What happens to stale replicas
 * among those that answered depends on the configuration:
 *
 * <ul>
 *   <li>{@code read-repair=off}: nothing.
 *   <li>{@code async}: reply at once, then send the merged entry to every stale replica that
 *       answered, including those answering after the reply (until all N did or the deadline).
 *   <li>{@code sync}: send it to the stale ones among the first R and reply once they made it
 *       durable (Cassandra's blocking read repair), so the result is on every replica that answered.
 *   <li>ABD ({@code mode=abd}): write back until W homes hold the result, counting those that
 *       already did, and only then reply; this is what makes reads linearizable (Attiya, Bar-Noy,
 *       Dolev: "the reader writes back before returning").
 * </ul>
 * Fewer than R answers (or write-back acks) by the deadline: the read fails; a read changes no
 * value, so {@code fail} is definite even if a write-back reached some replicas (it only spread a
 * version that already existed).
 */
final class ReadCoordination extends Coordination {
    private final Map<String, Entry> answers = new LinkedHashMap<>();
    private final Set<String> holders = new HashSet<>();
    private final List<String> asked;
    private Entry result;
    private boolean decided;
    private int holdersNeeded;

    ReadCoordination(Coordinator coordinator, long id, long requestId, Object key, long nowNanos) {
        super(coordinator, id, requestId, key, nowNanos);
        this.asked = coordinator.readTargets(homes);
    }

    @Override
    void start(long nowNanos, long wallMicros) {
        for (String home : asked) {
            if (!home.equals(coordinator.self())) {
                coordinator.send(home, new Get(id, key));
            }
        }
        if (asked.contains(coordinator.self())) {
            onGetReply(coordinator.self(), coordinator.replica().get(key));
        }
    }

    @Override
    void onGetReply(String from, Entry held) {
        if (!asked.contains(from) || answers.containsKey(from)) {
            return;
        }
        answers.put(from, held);
        boolean lateRepair = coordinator.options().readRepair() == ReadRepair.ASYNC;
        if (decided && !lateRepair) {
            return; // the result was fixed (and may be being written back): a late answer must not change it
        }
        result = result == null ? held : held == null ? result : coordinator.replica().resolution().merge(result, held);
        if (decided) {
            repairIfStale(from, held);
        } else if (answers.size() >= coordinator.quorums().readQuorum()) {
            decide();
        }
    }

    private void decide() {
        decided = true;
        if (result == null) {
            reply(KvReply.ok(null));
            return;
        }
        if (coordinator.options().abd()) {
            holdersNeeded = coordinator.quorums().writeQuorum();
            for (String home : homes) {
                repairIfStale(home, answers.containsKey(home) ? answers.get(home) : null);
            }
        } else if (coordinator.options().readRepair() == ReadRepair.SYNC) {
            holdersNeeded = answers.size();
            answers.forEach(this::repairIfStale);
        } else if (coordinator.options().readRepair() == ReadRepair.ASYNC) {
            answers.forEach(this::repairIfStale);
        }
        replyOnceHeld();
    }

    /** Sends the result to {@code node} unless what it holds already covers it. */
    private void repairIfStale(String node, Entry held) {
        if (result == null || coordinator.replica().resolution().holds(held, result)) {
            holders.add(node);
            return;
        }
        if (node.equals(coordinator.self())) {
            coordinator.replica().merge(key, result, true);
            holders.add(node);
        } else {
            coordinator.send(node, new Put(id, key, result, null));
        }
    }

    private void replyOnceHeld() {
        if (!replied() && holders.size() >= holdersNeeded) {
            reply(KvReply.ok(result.readValue(), coordinator.meta(result)));
        }
    }

    @Override
    void onPutAck(String from) {
        if (decided && homes.contains(from)) {
            holders.add(from);
            replyOnceHeld();
        }
    }

    @Override
    void onTick(long nowNanos) {
        if (!replied() && expired(nowNanos)) {
            reply(KvReply.fail(Coordinator.QUORUM_UNAVAILABLE));
        }
    }

    @Override
    boolean done(long nowNanos) {
        if (expired(nowNanos)) {
            return true;
        }
        boolean lateRepairs = coordinator.options().readRepair() == ReadRepair.ASYNC && answers.size() < asked.size();
        return replied() && !lateRepairs;
    }
}
