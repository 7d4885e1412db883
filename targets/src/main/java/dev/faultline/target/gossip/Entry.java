package dev.faultline.target.gossip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a replica holds for one key, always in canonical form so that two replicas holding the
 * same state hold equal entries with equal {@link #digest()}s (anti-entropy compares digests).
 */
sealed interface Entry {
    /** A 64-bit summary of the state; equal entries have equal digests. */
    long digest();

    /** What a client read returns: a register's winning value, or the set's elements as a list. */
    Object readValue();

    /**
     * A register: its siblings (one with {@code resolve=lww} and in ABD mode; with {@code vv}, the
     * versions none of which has seen another), newest stamp first. The first is what reads return.
     */
    record Register(List<Version> siblings, long digest) implements Entry {
        public Register {
            if (siblings.isEmpty()) {
                throw new IllegalArgumentException("a register has at least one version");
            }
            siblings = List.copyOf(siblings);
        }

        /** A register of {@code siblings} in canonical order. */
        static Register of(List<Version> siblings) {
            List<Version> sorted = new ArrayList<>(siblings);
            sorted.sort(Version.NEWEST_FIRST);
            return new Register(sorted, StableHash.ofBytes(GossipWire.registerBytes(sorted)));
        }

        static Register of(Version version) {
            return of(List.of(version));
        }

        Version winner() {
            return siblings.get(0);
        }

        @Override
        public Object readValue() {
            return winner().value();
        }
    }

    /**
     * A grow-only set, a state-based CRDT: merge is union, so replicas converge whatever order
     * adds arrive in. Elements are sorted by {@link ValueOrder} and distinct; the digest is the sum
     * of the elements' hashes, so a union updates it without rehashing the whole set.
     */
    record GrowSet(List<Object> elements, long digest) implements Entry {
        public GrowSet {
            elements = Collections.unmodifiableList(new ArrayList<>(elements));
        }

        static GrowSet of(Object element) {
            return new GrowSet(Collections.singletonList(element), elementHash(element));
        }

        static GrowSet ofSorted(List<Object> sortedDistinct) {
            long digest = 0;
            for (Object element : sortedDistinct) {
                digest += elementHash(element);
            }
            return new GrowSet(sortedDistinct, digest);
        }

        static long elementHash(Object element) {
            return StableHash.ofValue(element);
        }

        /** The union, or this very set when {@code other} adds nothing. */
        GrowSet union(GrowSet other) {
            List<Object> merged = new ArrayList<>(elements.size() + other.elements.size());
            long sum = digest;
            int i = 0;
            int j = 0;
            while (i < elements.size() || j < other.elements.size()) {
                int order = i == elements.size() ? 1
                        : j == other.elements.size() ? -1
                        : ValueOrder.INSTANCE.compare(elements.get(i), other.elements.get(j));
                if (order <= 0) {
                    merged.add(elements.get(i++));
                    j += order == 0 ? 1 : 0;
                } else {
                    Object added = other.elements.get(j++);
                    merged.add(added);
                    sum += elementHash(added);
                }
            }
            return merged.size() == elements.size() ? this : new GrowSet(merged, sum);
        }

        @Override
        public Object readValue() {
            return elements;
        }
    }
}
