package dev.faultline.target.gossip;

import dev.faultline.target.common.core.Ready;
import dev.faultline.target.gossip.GossipMessage.DigestReply;
import dev.faultline.target.gossip.GossipMessage.Digests;
import dev.faultline.target.gossip.GossipMessage.Repair;
import dev.faultline.target.gossip.GossipMessage.SegmentDigests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Anti-entropy (Demers et al., push-pull; Dynamo §4.7 with digests instead of deep Merkle trees):
 * each round this node picks a random peer that shares segments with it and they reconcile in three
 * messages:
 *
 * <ol>
 *   <li>{@link Digests}: the initiator's bucket digests for the shared segments;
 *   <li>{@link DigestReply}: the peer lists the buckets that differ and ships its entries in them;
 *   <li>{@link Repair}: the initiator merges those, and ships back its own entries the peer lacks
 *       or holds older.
 * </ol>
 * At most {@value #ENTRIES_PER_MESSAGE_MAX} entries travel per message; what does not fit waits
 * for a later round. Merges here are not synced: nothing is acknowledged on their strength.
 */
final class AntiEntropy {
    static final int ENTRIES_PER_MESSAGE_MAX = 256;

    private final String self;
    private final List<String> peers;
    private final Ring ring;
    private final Replica replica;
    private final RandomGenerator random;
    private final boolean disabledByBug;
    private final Ready.Builder<GossipMessage, GossipRecord> ready;
    private long rounds;
    private long repaired;

    AntiEntropy(String self, List<String> peers, Ring ring, Replica replica, RandomGenerator random, boolean disabledByBug,
            Ready.Builder<GossipMessage, GossipRecord> ready) {
        this.self = self;
        this.ring = ring;
        this.replica = replica;
        this.random = random;
        this.disabledByBug = disabledByBug;
        this.ready = ready;
        this.peers = peers.stream().filter(peer -> !sharedSegments(self, peer).isEmpty()).toList();
    }

    private List<Integer> sharedSegments(String node, String peer) {
        List<Integer> shared = new ArrayList<>();
        for (int segment = 0; segment < ring.segmentCount(); segment++) {
            if (ring.isHome(node, segment) && ring.isHome(peer, segment)) {
                shared.add(segment);
            }
        }
        return shared;
    }

    /** Starts a round with a random peer. Planted bug {@code no-anti-entropy}: never. */
    void startRound() {
        if (disabledByBug || peers.isEmpty()) {
            return;
        }
        String peer = peers.get(random.nextInt(peers.size()));
        List<SegmentDigests> segments = new ArrayList<>();
        for (int segment : sharedSegments(self, peer)) {
            segments.add(new SegmentDigests(segment, replica.store().digests(segment)));
        }
        rounds++;
        ready.send(peer, new Digests(rounds, segments));
    }

    void onDigests(String from, Digests digests) {
        List<Integer> shared = sharedSegments(self, from);
        List<Integer> mismatched = new ArrayList<>();
        List<KeyEntry> entries = new ArrayList<>();
        for (SegmentDigests theirs : digests.segments()) {
            if (!shared.contains(theirs.segment()) || theirs.digests().length != ReplicaStore.BUCKETS_PER_SEGMENT) {
                continue; // a peer configured differently: reconcile only what both agree they share
            }
            long[] mine = replica.store().digests(theirs.segment());
            for (int bucket = 0; bucket < mine.length; bucket++) {
                if (mine[bucket] != theirs.digests()[bucket]) {
                    mismatched.add(theirs.segment() * ReplicaStore.BUCKETS_PER_SEGMENT + bucket);
                    addUpToLimit(entries, replica.store().bucket(theirs.segment(), bucket));
                }
            }
        }
        if (!mismatched.isEmpty()) {
            ready.send(from, new DigestReply(digests.round(), mismatched, entries));
        }
    }

    void onDigestReply(String from, DigestReply reply) {
        Map<Object, Entry> theirs = new HashMap<>();
        for (KeyEntry entry : reply.entries()) {
            theirs.put(entry.key(), entry.entry());
            mergeIfHome(entry);
        }
        List<Integer> shared = sharedSegments(self, from);
        List<KeyEntry> missing = new ArrayList<>();
        for (int bucketId : reply.buckets()) {
            int segment = bucketId / ReplicaStore.BUCKETS_PER_SEGMENT;
            if (bucketId < 0 || !shared.contains(segment)) {
                continue;
            }
            for (KeyEntry mine : replica.store().bucket(segment, bucketId % ReplicaStore.BUCKETS_PER_SEGMENT)) {
                if (!replica.resolution().holds(theirs.get(mine.key()), mine.entry())) {
                    addUpToLimit(missing, List.of(mine));
                }
            }
        }
        if (!missing.isEmpty()) {
            ready.send(from, new Repair(missing));
        }
    }

    void onRepair(Repair repair) {
        repair.entries().forEach(this::mergeIfHome);
    }

    private void mergeIfHome(KeyEntry entry) {
        if (ring.isHome(self, ring.segmentOf(Ring.keyHash(entry.key()))) && replica.merge(entry.key(), entry.entry(), false)) {
            repaired++;
        }
    }

    private static void addUpToLimit(List<KeyEntry> into, List<KeyEntry> more) {
        for (KeyEntry entry : more) {
            if (into.size() == ENTRIES_PER_MESSAGE_MAX) {
                return;
            }
            into.add(entry);
        }
    }

    /** Keys this replica repaired from a peer's entries. */
    long repaired() {
        return repaired;
    }
}
