package dev.faultline.target.gossip;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.gossip.GossipMessage.DigestReply;
import dev.faultline.target.gossip.GossipMessage.Digests;
import dev.faultline.target.gossip.GossipMessage.Get;
import dev.faultline.target.gossip.GossipMessage.GetReply;
import dev.faultline.target.gossip.GossipMessage.Put;
import dev.faultline.target.gossip.GossipMessage.PutAck;
import dev.faultline.target.gossip.GossipMessage.Repair;
import dev.faultline.target.gossip.GossipMessage.Rumor;
import dev.faultline.target.gossip.GossipMessage.RumorAck;
import dev.faultline.target.gossip.GossipOptions.Bug;
import dev.faultline.target.gossip.GossipOptions.Quorums;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One node of the gossip store: a replica for the keys it is a home for, a coordinator for any
 * client request, and the background gossip (rumors, anti-entropy, hint delivery) on timers of its
 * monotonic clock. Inputs are dispatched to one handler each; after every input the invariants
 * are checked (siblings well-formed, counters within their reservation, timestamps increasing,
 * and every few thousand inputs the range digests against their entries).
 */
final class GossipCore implements Core<GossipMessage, GossipRecord> {
    /** Inputs between two full recomputations of the range digests (O(keys) each). */
    static final int DIGEST_CHECK_EVERY_INPUTS = 4_096;

    private final String self;
    private final Ring ring;
    private final GossipOptions options;
    private final RandomGenerator random;
    private final Ready.Builder<GossipMessage, GossipRecord> ready = new Ready.Builder<>();
    private final Replica replica;
    private final Coordinator coordinator;
    private final Rumors rumors;
    private final AntiEntropy antiEntropy;
    private final HintDelivery hintDelivery;
    private final Timer rumorTimer;
    private final Timer antiEntropyTimer;
    private final Timer hintTimer;
    private long inputs;
    private long misrouted;
    private long lastTimestampChecked;

    GossipCore(CoreContext context, GossipOptions options, List<GossipRecord> recovered) {
        this.self = context.nodeId();
        this.options = options;
        this.random = context.random();
        Quorums quorums = options.quorums(context.nodes().size());
        this.ring = new Ring(context.nodes(), quorums.replicas());
        Resolution resolution = new Resolution(options.versionVectors(), options.bug(Bug.MERGE_LOSES_SIBLING));
        this.replica = new Replica(new ReplicaStore(ring, resolution), new HintStore(resolution, 100_000), resolution, ready,
                options.snapshotEveryRecords(), options.bug(Bug.DROP_HINTS), recovered);
        MessageIds ids = new MessageIds(random);
        this.coordinator = new Coordinator(self, ring, quorums, options, replica, ready, ids, random);
        this.rumors = new Rumors(self, ring, resolution, random, options.rumorStopProbability(), ready);
        if (options.rumorMillis() > 0) {
            replica.onChange(rumors::heard);
        }
        this.antiEntropy = new AntiEntropy(self, context.peers(), ring, replica, random, options.bug(Bug.NO_ANTI_ENTROPY), ready);
        this.hintDelivery = new HintDelivery(replica, ids, ready);
        this.rumorTimer = new Timer(options.rumorMillis());
        this.antiEntropyTimer = new Timer(options.antiEntropyMillis());
        this.hintTimer = new Timer(options.hintMillis());
        ready.event("gossip", "n=" + quorums.replicas() + " w=" + quorums.writeQuorum() + " r=" + quorums.readQuorum()
                + " resolve=" + (options.versionVectors() ? "vv" : "lww") + " mode=" + (options.abd() ? "abd" : "quorum")
                + " keys=" + replica.store().keyCount() + " hints=" + replica.hints().size());
    }

    /** A periodic task on the node's monotonic clock, its first run at a random point of its period. */
    private final class Timer {
        private final long periodNanos;
        private long nextNanos = -1;

        Timer(long periodMillis) {
            this.periodNanos = periodMillis * 1_000_000L;
        }

        boolean due(long nowNanos) {
            if (periodNanos == 0) {
                return false;
            }
            if (nextNanos < 0) {
                nextNanos = nowNanos + 1 + random.nextLong(periodNanos);
            }
            if (nowNanos < nextNanos) {
                return false;
            }
            nextNanos = Math.max(nextNanos + periodNanos, nowNanos);
            return true;
        }
    }

    @Override
    public void tick(ClockReading now) {
        long nowNanos = now.monotonicNanos();
        coordinator.tick(nowNanos);
        if (rumorTimer.due(nowNanos)) {
            rumors.round();
        }
        if (antiEntropyTimer.due(nowNanos)) {
            antiEntropy.startRound();
        }
        if (hintTimer.due(nowNanos)) {
            hintDelivery.round();
        }
        checkInvariants();
    }

    @Override
    public void receive(ClockReading now, String from, GossipMessage message) {
        long nowNanos = now.monotonicNanos();
        if (message instanceof Put put) {
            onPut(from, put);
        } else if (message instanceof PutAck ack) {
            if (!coordinator.onPutAck(from, ack.id(), nowNanos)) {
                hintDelivery.onPutAck(from, ack.id());
            }
        } else if (message instanceof Get get) {
            onGet(from, get);
        } else if (message instanceof GetReply reply) {
            coordinator.onGetReply(from, reply.id(), reply.entry(), nowNanos);
        } else if (message instanceof Rumor rumor) {
            onRumor(from, rumor);
        } else if (message instanceof RumorAck ack) {
            rumors.onAck(ack.key(), ack.alreadyKnown());
        } else if (message instanceof Digests digests) {
            antiEntropy.onDigests(from, digests);
        } else if (message instanceof DigestReply reply) {
            antiEntropy.onDigestReply(from, reply);
        } else if (message instanceof Repair repair) {
            antiEntropy.onRepair(repair);
        }
        checkInvariants();
    }

    private boolean isHome(Object key) {
        return ring.isHome(self, ring.segmentOf(Ring.keyHash(key)));
    }

    /** A replica's half of a write, write-back, repair or hint delivery; or a fallback's hint. */
    private void onPut(String from, Put put) {
        boolean stored;
        if (put.hintFor() != null && !put.hintFor().equals(self) && !isHome(put.key())) {
            stored = replica.hint(put.hintFor(), put.key(), put.entry());
        } else if (isHome(put.key())) {
            replica.merge(put.key(), put.entry(), true);
            stored = true;
        } else {
            misrouted++;
            stored = false;
        }
        if (stored) {
            ready.sendAfterPersist(from, new PutAck(put.id()));
        }
    }

    private void onGet(String from, Get get) {
        if (isHome(get.key())) {
            ready.send(from, new GetReply(get.id(), replica.get(get.key())));
        } else {
            misrouted++;
        }
    }

    private void onRumor(String from, Rumor rumor) {
        if (isHome(rumor.key())) {
            boolean news = replica.merge(rumor.key(), rumor.entry(), false);
            ready.send(from, new RumorAck(rumor.key(), !news));
        } else {
            misrouted++;
        }
    }

    @Override
    public void request(ClockReading now, ClientRequest request) {
        coordinator.request(request, now.monotonicNanos(), now.wallMicros());
        checkInvariants();
    }

    @Override
    public Ready<GossipMessage, GossipRecord> ready() {
        replica.snapshotIfDue();
        return ready.take();
    }

    /** @throws IllegalStateException with the numbers, when the node's state broke a rule */
    private void checkInvariants() {
        replica.checkTouched();
        long timestamp = coordinator.lastTimestamp();
        if (timestamp < lastTimestampChecked) {
            throw new IllegalStateException("register timestamps went back: " + lastTimestampChecked + " -> " + timestamp);
        }
        lastTimestampChecked = timestamp;
        if (coordinator.inFlight() > Coordinator.COORDINATIONS_MAX || rumors.hotCount() > Rumors.HOT_MAX) {
            throw new IllegalStateException("bounds exceeded: " + coordinator.inFlight() + " coordinations, "
                    + rumors.hotCount() + " hot rumors");
        }
        if (++inputs % DIGEST_CHECK_EVERY_INPUTS == 0) {
            replica.store().checkDigests();
        }
    }

    /**
     * Gossip has no log, so {@code commitIndex} and {@code appliedIndex} both carry a digest of the
     * replica's data (non-negative): nodes holding the same data show the same number, which is
     * how the harness's quiet check (equal commit indexes, statuses unchanged between two polls)
     * means "converged" when every node holds every key ({@code n=all}). The extra fields change
     * only when something happens (no counter of timer rounds), for the same reason.
     */
    @Override
    public NodeStatus status() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("keys", replica.store().keyCount());
        extra.put("merges", replica.merges());
        extra.put("hints", (long) replica.hints().size());
        extra.put("hintsRefused", replica.hints().refused());
        extra.put("hintsDelivered", hintDelivery.delivered());
        extra.put("coordinating", (long) coordinator.inFlight());
        extra.put("hotRumors", (long) rumors.hotCount());
        extra.put("rumorsPushed", rumors.pushed());
        extra.put("rumorsStopped", rumors.stopped());
        extra.put("antiEntropyRepaired", antiEntropy.repaired());
        extra.put("misrouted", misrouted);
        long digest = replica.store().stateDigest() >>> 1;
        return new NodeStatus("replica", 0, null, digest, digest, replica.recordsSinceSnapshot(), extra);
    }

    /** For tests: the entry this replica holds for {@code key}, or null. */
    Entry entry(Object key) {
        return replica.get(key);
    }

    /** For tests: the keys with their entries. */
    List<KeyEntry> entries() {
        return replica.store().all();
    }

    /** For tests: N, the home replicas per key. */
    int replicaCount() {
        return ring.replicas();
    }

    /** For tests: how many hints this node holds. */
    int hintCount() {
        return replica.hints().size();
    }
}
