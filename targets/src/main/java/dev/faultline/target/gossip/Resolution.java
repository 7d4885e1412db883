package dev.faultline.target.gossip;

import dev.faultline.target.gossip.Entry.GrowSet;
import dev.faultline.target.gossip.Entry.Register;
import dev.faultline.target.gossip.VersionVector.Order;
import java.util.ArrayList;
import java.util.List;

/**
 * How a replica merges what it holds with what arrives (a write, a repair, a rumor, a hint).
 * Every merge here is commutative, associative and idempotent, so replicas that have seen the
 * same versions hold the same entry whatever order they saw them in (the basis of convergence):
 *
 * <ul>
 *   <li>{@code lww} (and ABD): the version with the highest {@link Stamp} wins; ties (one node
 *       reusing a timestamp after a restart) go to the higher value.
 *   <li>{@code vv}: every version that no other version has seen survives, as a sibling (Dynamo
 *       §4.4); a version whose clock another one descends from is dropped.
 *   <li>sets: union (a grow-only set CRDT), in both modes.
 * </ul>
 * A key written both as a register and as a set becomes the set (a workload error; the rule only
 * keeps replicas convergent).
 *
 * <p>Planted bug {@code merge-loses-sibling}: an arriving version concurrent with a local sibling
 * is dropped as if the local one had seen it, so replicas keep different siblings forever and a
 * newer write can vanish on arrival.
 */
final class Resolution {
    private final boolean versionVectors;
    private final boolean losesSibling;

    Resolution(boolean versionVectors, boolean losesSibling) {
        this.versionVectors = versionVectors;
        this.losesSibling = losesSibling;
    }

    boolean versionVectors() {
        return versionVectors;
    }

    /** The merge of {@code local} (null when the replica has nothing) with {@code incoming}. */
    Entry merge(Entry local, Entry incoming) {
        if (local == null) {
            return incoming;
        }
        if (local instanceof GrowSet mine) {
            return incoming instanceof GrowSet theirs ? mine.union(theirs) : mine;
        }
        if (incoming instanceof GrowSet theirs) {
            return theirs;
        }
        Register mine = (Register) local;
        Register theirs = (Register) incoming;
        Register merged = versionVectors ? mergeSiblings(mine, theirs) : lastWriterWins(mine, theirs);
        return merged.equals(mine) ? mine : merged;
    }

    /** Whether {@code local} already holds everything in {@code other}: merging it would change nothing. */
    boolean holds(Entry local, Entry other) {
        return local != null && merge(local, other).equals(local);
    }

    private static Register lastWriterWins(Register mine, Register theirs) {
        return Version.NEWEST_FIRST.compare(mine.winner(), theirs.winner()) <= 0 ? mine : theirs;
    }

    private Register mergeSiblings(Register mine, Register theirs) {
        List<Version> survivors = new ArrayList<>();
        for (Version version : mine.siblings()) {
            if (!seenByAny(version, theirs.siblings()) && !survivors.contains(version)) {
                survivors.add(version);
            }
        }
        for (Version version : theirs.siblings()) {
            boolean dropped = seenByAny(version, mine.siblings())
                    || (losesSibling && concurrentWithAny(version, mine.siblings()));
            if (!dropped && !survivors.contains(version)) {
                survivors.add(version);
            }
        }
        return Register.of(survivors);
    }

    /**
     * Whether some version in {@code others} has seen {@code version}: its clock descends from it,
     * or equals it with a greater version (equal clocks with different values cannot come from
     * one coordinator, but a tie must still resolve the same way everywhere).
     */
    private static boolean seenByAny(Version version, List<Version> others) {
        for (Version other : others) {
            Order order = version.clock().compare(other.clock());
            if (order == Order.BEFORE || (order == Order.EQUAL && Version.NEWEST_FIRST.compare(other, version) < 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean concurrentWithAny(Version version, List<Version> others) {
        for (Version other : others) {
            if (version.clock().compare(other.clock()) == Order.CONCURRENT) {
                return true;
            }
        }
        return false;
    }
}
