package dev.faultline.checker.graph;

import java.util.Arrays;

/**
 * An immutable directed graph over nodes {@code 0..size-1}, stored as compressed adjacency arrays
 * (one offset array and one target array), each edge labelled with its {@link Relation} and the
 * node that caused it. Parallel edges and self-loops are allowed: a self-loop is a cycle.
 *
 * <p>Compact on purpose: a history of 10⁵ operations with 10⁶ edges takes about 12 MB.
 */
public final class Digraph {
    private static final Relation[] RELATIONS = Relation.values();

    private final int size;
    private final int[] offsets;
    private final int[] targets;
    private final byte[] relations;
    private final int[] causes;

    private Digraph(int size, int[] offsets, int[] targets, byte[] relations, int[] causes) {
        this.size = size;
        this.offsets = offsets;
        this.targets = targets;
        this.relations = relations;
        this.causes = causes;
    }

    public static Builder builder(int size) {
        return new Builder(size);
    }

    /** The number of nodes. */
    public int size() {
        return size;
    }

    public int edgeCount() {
        return targets.length;
    }

    /** The first edge number of {@code node}'s outgoing edges; they run to {@link #edgesEnd(int)}. */
    public int edgesStart(int node) {
        return offsets[node];
    }

    /** One past the last edge number of {@code node}'s outgoing edges. */
    public int edgesEnd(int node) {
        return offsets[node + 1];
    }

    public int target(int edge) {
        return targets[edge];
    }

    public Relation relation(int edge) {
        return RELATIONS[relations[edge]];
    }

    public int cause(int edge) {
        return causes[edge];
    }

    /** The edge as a witness step. */
    public Step step(int from, int edge) {
        return new Step(from, targets[edge], relation(edge), causes[edge]);
    }

    /** A builder that starts with every edge of this graph, to add more. */
    public Builder toBuilder() {
        Builder builder = new Builder(size);
        for (int node = 0; node < size; node++) {
            for (int edge = offsets[node]; edge < offsets[node + 1]; edge++) {
                builder.add(node, targets[edge], relation(edge), causes[edge]);
            }
        }
        return builder;
    }

    /** Collects edges in any order; {@link #build()} sorts them by source in linear time. */
    public static final class Builder {
        private final int size;
        private int count;
        private int[] sources = new int[16];
        private int[] targets = new int[16];
        private byte[] relations = new byte[16];
        private int[] causes = new int[16];

        private Builder(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0, was " + size);
            }
            this.size = size;
        }

        public Builder add(int from, int to, Relation relation) {
            return add(from, to, relation, -1);
        }

        public Builder add(int from, int to, Relation relation, int cause) {
            if (from < 0 || from >= size || to < 0 || to >= size) {
                throw new IllegalArgumentException("edge " + from + " -> " + to + " outside 0.." + (size - 1));
            }
            if (count == sources.length) {
                int capacity = count * 2;
                sources = Arrays.copyOf(sources, capacity);
                targets = Arrays.copyOf(targets, capacity);
                relations = Arrays.copyOf(relations, capacity);
                causes = Arrays.copyOf(causes, capacity);
            }
            sources[count] = from;
            targets[count] = to;
            relations[count] = (byte) relation.ordinal();
            causes[count] = cause;
            count++;
            return this;
        }

        public Digraph build() {
            int[] offsets = new int[size + 1];
            for (int edge = 0; edge < count; edge++) {
                offsets[sources[edge] + 1]++;
            }
            for (int node = 0; node < size; node++) {
                offsets[node + 1] += offsets[node];
            }
            int[] next = Arrays.copyOf(offsets, size);
            int[] sortedTargets = new int[count];
            byte[] sortedRelations = new byte[count];
            int[] sortedCauses = new int[count];
            for (int edge = 0; edge < count; edge++) {
                int slot = next[sources[edge]]++;
                sortedTargets[slot] = targets[edge];
                sortedRelations[slot] = relations[edge];
                sortedCauses[slot] = causes[edge];
            }
            return new Digraph(size, offsets, sortedTargets, sortedRelations, sortedCauses);
        }
    }
}
