package dev.faultline.target.gossip;

import java.util.Comparator;
import java.util.Objects;

/**
 * The last-writer-wins order of a version: a timestamp, then the id of the node that issued it
 * (Cassandra orders writes by timestamp; the node id breaks ties deterministically). With
 * {@code resolve=lww} the timestamp is the coordinator's wall clock in microseconds, so a node whose
 * clock runs ahead wins over later writes from the others; in ABD mode it is a logical counter
 * (ABD's tag: the highest a quorum reported, plus one).
 *
 * @param timestamp microseconds of the coordinator's wall clock, or an ABD tag
 * @param node the coordinator that issued it
 */
record Stamp(long timestamp, String node) implements Comparable<Stamp> {
    /** Clusters are at most this large, so a node's rank fits the low bits of {@link #version}. */
    static final int NODES_MAX = 256;

    private static final Comparator<Stamp> ORDER = Comparator.comparingLong(Stamp::timestamp).thenComparing(Stamp::node);

    Stamp {
        Objects.requireNonNull(node, "node");
    }

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }

    /**
     * One integer with this stamp's order, for the history's {@code meta.version}: the timestamp
     * shifted left eight bits plus the node's rank among the cluster's sorted ids.
     */
    long version(int nodeRank) {
        if (nodeRank < 0 || nodeRank >= NODES_MAX) {
            throw new IllegalArgumentException("node rank " + nodeRank + " outside [0, " + NODES_MAX + ")");
        }
        return timestamp * NODES_MAX + nodeRank;
    }

    @Override
    public String toString() {
        return timestamp + "@" + node;
    }
}
