package dev.faultline.target.gossip;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version vector (Dynamo's vector clock on a data item): for each coordinator, how many of its
 * writes this version has seen. One version descends from another when it has seen at least as
 * much of every coordinator; when neither descends from the other they are concurrent, and a
 * replica keeps both as siblings.
 *
 * @param counters coordinator id to its highest write counter seen; absent means 0
 */
record VersionVector(SortedMap<String, Long> counters) {
    static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

    /** How two versions relate. */
    enum Order { EQUAL, BEFORE, AFTER, CONCURRENT }

    VersionVector {
        for (Map.Entry<String, Long> entry : counters.entrySet()) {
            if (entry.getValue() <= 0) {
                throw new IllegalArgumentException("counter of " + entry.getKey() + " must be positive, was " + entry.getValue());
            }
        }
        counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
    }

    long get(String node) {
        return counters.getOrDefault(node, 0L);
    }

    /** This vector with {@code node}'s counter set to {@code counter}, which must be higher than before. */
    VersionVector with(String node, long counter) {
        if (counter <= get(node)) {
            throw new IllegalArgumentException("counter of " + node + " must grow: " + get(node) + " -> " + counter);
        }
        TreeMap<String, Long> grown = new TreeMap<>(counters);
        grown.put(node, counter);
        return new VersionVector(grown);
    }

    /** The pointwise maximum: what a replica has seen after seeing both. */
    VersionVector merge(VersionVector other) {
        TreeMap<String, Long> merged = new TreeMap<>(counters);
        other.counters.forEach((node, counter) -> merged.merge(node, counter, Math::max));
        return new VersionVector(merged);
    }

    /** {@code BEFORE} when {@code other} has seen everything this one has and more. */
    Order compare(VersionVector other) {
        boolean less = false;
        boolean greater = false;
        TreeMap<String, Long> union = new TreeMap<>(counters);
        union.putAll(other.counters);
        for (String node : union.keySet()) {
            long mine = get(node);
            long theirs = other.get(node);
            less |= mine < theirs;
            greater |= mine > theirs;
        }
        if (less && greater) {
            return Order.CONCURRENT;
        }
        return less ? Order.BEFORE : greater ? Order.AFTER : Order.EQUAL;
    }

    /** As a history value, for {@code meta.vv}. */
    Map<String, Object> toValue() {
        return Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    @Override
    public String toString() {
        return counters.toString();
    }
}
