package dev.faultline.target.gossip;

import java.util.Comparator;
import java.util.Objects;

/**
 * One version of a register: the value a write set, its last-writer-wins {@link Stamp}, and (with
 * {@code resolve=vv}) the {@link VersionVector} of what its coordinator had seen. With
 * {@code resolve=lww} and in ABD mode the clock is empty and only the stamp orders versions.
 */
record Version(Object value, Stamp stamp, VersionVector clock) {
    /**
     * The order siblings are kept and read in: newest stamp first, then by value, then by clock,
     * so that every replica lists the same siblings the same way and picks the same winner.
     */
    static final Comparator<Version> NEWEST_FIRST = Comparator.comparing(Version::stamp).reversed()
            .thenComparing(Version::value, ValueOrder.INSTANCE)
            .thenComparing(version -> version.clock().toString());

    Version {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(clock, "clock");
    }
}
