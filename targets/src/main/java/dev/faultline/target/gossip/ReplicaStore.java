package dev.faultline.target.gossip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys this node holds as a home replica, with the per-range digests anti-entropy compares.
 *
 * <p>Each segment of the ring is cut into {@value #BUCKETS_PER_SEGMENT} buckets by key hash; a
 * bucket's digest is the sum (mod 2^64) of one hash per key over (key, entry digest). Sums update
 * in O(1) when one key changes, and two replicas holding the same keys with the same entries in a
 * bucket have equal digests. This is a Merkle tree cut to two levels (Dynamo §4.7 uses deeper
 * trees over far more keys): a round compares the buckets, then ships only mismatched ones.
 */
final class ReplicaStore {
    static final int BUCKETS_PER_SEGMENT = 16;

    private final Ring ring;
    private final Resolution resolution;
    /** Per segment, per bucket: key to entry, in first-write order. */
    private final List<List<Map<Object, Entry>>> buckets = new ArrayList<>();
    private final long[][] bucketDigests;
    private long keyCount;

    ReplicaStore(Ring ring, Resolution resolution) {
        this.ring = ring;
        this.resolution = resolution;
        this.bucketDigests = new long[ring.segmentCount()][BUCKETS_PER_SEGMENT];
        for (int segment = 0; segment < ring.segmentCount(); segment++) {
            List<Map<Object, Entry>> row = new ArrayList<>(BUCKETS_PER_SEGMENT);
            for (int bucket = 0; bucket < BUCKETS_PER_SEGMENT; bucket++) {
                row.add(new LinkedHashMap<>());
            }
            buckets.add(row);
        }
    }

    static int bucketOf(long keyHash) {
        return (int) ((keyHash >>> 40) & (BUCKETS_PER_SEGMENT - 1));
    }

    private Map<Object, Entry> bucketFor(long keyHash) {
        return buckets.get(ring.segmentOf(keyHash)).get(bucketOf(keyHash));
    }

    Entry get(Object key) {
        return bucketFor(Ring.keyHash(key)).get(key);
    }

    /**
     * Merges {@code incoming} into the key's entry.
     *
     * @return the new entry when it changed, null when this replica already held everything
     */
    Entry merge(Object key, Entry incoming) {
        long keyHash = Ring.keyHash(key);
        Map<Object, Entry> bucket = bucketFor(keyHash);
        Entry local = bucket.get(key);
        Entry merged = resolution.merge(local, incoming);
        if (merged.equals(local)) {
            return null;
        }
        long[] digests = bucketDigests[ring.segmentOf(keyHash)];
        int index = bucketOf(keyHash);
        if (local != null) {
            digests[index] -= contribution(keyHash, local);
        } else {
            keyCount++;
        }
        digests[index] += contribution(keyHash, merged);
        bucket.put(key, merged);
        return merged;
    }

    private static long contribution(long keyHash, Entry entry) {
        return StableHash.mix(keyHash * 31 + entry.digest());
    }

    /** A copy of one segment's bucket digests. */
    long[] digests(int segment) {
        return bucketDigests[segment].clone();
    }

    /** The keys of one bucket with their entries. */
    List<KeyEntry> bucket(int segment, int bucket) {
        List<KeyEntry> entries = new ArrayList<>();
        buckets.get(segment).get(bucket).forEach((key, entry) -> entries.add(new KeyEntry(key, entry)));
        return entries;
    }

    /**
     * A digest of everything this replica holds: the sum of every bucket digest. Two replicas
     * holding the same keys with the same entries have the same one.
     */
    long stateDigest() {
        long sum = 0;
        for (long[] segment : bucketDigests) {
            for (long digest : segment) {
                sum += digest;
            }
        }
        return sum;
    }

    long keyCount() {
        return keyCount;
    }

    /** Every key and entry, segment by segment. */
    List<KeyEntry> all() {
        List<KeyEntry> all = new ArrayList<>();
        for (List<Map<Object, Entry>> row : buckets) {
            for (Map<Object, Entry> bucket : row) {
                bucket.forEach((key, entry) -> all.add(new KeyEntry(key, entry)));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Recomputes every digest from the entries and compares: the always-on check that incremental
     * updates never drifted. O(keys); the core runs it every few thousand inputs.
     *
     * @throws IllegalStateException naming the first bucket that drifted
     */
    void checkDigests() {
        for (int segment = 0; segment < ring.segmentCount(); segment++) {
            for (int bucket = 0; bucket < BUCKETS_PER_SEGMENT; bucket++) {
                long sum = 0;
                for (Map.Entry<Object, Entry> entry : buckets.get(segment).get(bucket).entrySet()) {
                    long keyHash = Ring.keyHash(entry.getKey());
                    if (ring.segmentOf(keyHash) != segment || bucketOf(keyHash) != bucket) {
                        throw new IllegalStateException("key " + entry.getKey() + " filed under segment " + segment
                                + " bucket " + bucket);
                    }
                    sum += contribution(keyHash, entry.getValue());
                }
                if (sum != bucketDigests[segment][bucket]) {
                    throw new IllegalStateException("digest of segment " + segment + " bucket " + bucket + " is "
                            + bucketDigests[segment][bucket] + ", entries sum to " + sum);
                }
            }
        }
    }
}
