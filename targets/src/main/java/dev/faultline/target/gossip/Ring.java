package dev.faultline.target.gossip;

import java.util.ArrayList;
import java.util.List;

/**
 * Where keys live (Dynamo §4.2, with one token per node, equally spaced): the cluster's node ids
 * sorted, and a key's <em>preference list</em> read off that circle from the position its hash
 * picks. The first N nodes are the key's <em>home</em> replicas; the rest, in the same order, are
 * the fallbacks a sloppy quorum hands writes to while homes are unreachable.
 *
 * <p>A key's position is its <em>segment</em>: keys of one segment share their preference list,
 * so anti-entropy compares two replicas segment by segment, over the segments both are homes for.
 */
final class Ring {
    private final List<String> nodes;
    private final int replicas;

    /**
     * @param nodes every node of the cluster, in any order (sorted here, so every node builds the
     *     same ring)
     * @param replicas N, the number of home replicas per key
     */
    Ring(List<String> nodes, int replicas) {
        List<String> sorted = new ArrayList<>(nodes);
        sorted.sort(null);
        if (sorted.size() > Stamp.NODES_MAX) {
            throw new IllegalArgumentException("at most " + Stamp.NODES_MAX + " nodes, was " + sorted.size());
        }
        if (replicas < 1 || replicas > sorted.size()) {
            throw new IllegalArgumentException("n must be in [1, " + sorted.size() + "] for this cluster, was " + replicas);
        }
        this.nodes = List.copyOf(sorted);
        this.replicas = replicas;
    }

    int replicas() {
        return replicas;
    }

    int segmentCount() {
        return nodes.size();
    }

    /** The node's position among the sorted ids (for {@link Stamp#version}). */
    int rank(String node) {
        int rank = nodes.indexOf(node);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        return rank;
    }

    static long keyHash(Object key) {
        return StableHash.ofValue(key);
    }

    int segmentOf(long keyHash) {
        return (int) Math.floorMod(keyHash, (long) nodes.size());
    }

    /** The N home replicas of a segment, in preference order. */
    List<String> homes(int segment) {
        List<String> homes = new ArrayList<>(replicas);
        for (int i = 0; i < replicas; i++) {
            homes.add(nodes.get((segment + i) % nodes.size()));
        }
        return homes;
    }

    /** The nodes after the homes, in preference order: where hinted writes go. */
    List<String> fallbacks(int segment) {
        List<String> fallbacks = new ArrayList<>(nodes.size() - replicas);
        for (int i = replicas; i < nodes.size(); i++) {
            fallbacks.add(nodes.get((segment + i) % nodes.size()));
        }
        return fallbacks;
    }

    boolean isHome(String node, int segment) {
        int offset = Math.floorMod(rank(node) - segment, nodes.size());
        return offset < replicas;
    }
}
