package dev.faultline.checker.eventual;

import java.util.Arrays;

/**
 * The acknowledged writes of one key seen so far, answering for a version v: how many have a
 * version newer than v, and the earliest acknowledgement among them (k and Δt of notes §9.5). A
 * Fenwick tree over the versions in descending order, so "newer than v" is a prefix: O(log n) per
 * insertion and per question.
 */
final class NewerAcknowledged {
    private final long[] versions;
    private final int[] counts;
    private final long[] earliestAcks;

    /** @param versions every version that will be inserted, sorted ascending, distinct */
    NewerAcknowledged(long[] versions) {
        this.versions = versions;
        this.counts = new int[versions.length + 1];
        this.earliestAcks = new long[versions.length + 1];
        Arrays.fill(earliestAcks, Long.MAX_VALUE);
    }

    void insert(long version, long ackTime) {
        int slot = Arrays.binarySearch(versions, version);
        if (slot < 0) {
            throw new IllegalArgumentException("version " + version + " was not announced");
        }
        for (int node = versions.length - slot; node <= versions.length; node += node & -node) {
            counts[node]++;
            earliestAcks[node] = Math.min(earliestAcks[node], ackTime);
        }
    }

    /** How many inserted versions are newer than {@code version}. */
    int countNewer(long version) {
        int count = 0;
        for (int node = newerPrefix(version); node > 0; node -= node & -node) {
            count += counts[node];
        }
        return count;
    }

    /** The earliest acknowledgement among inserted versions newer than {@code version}; Long.MAX_VALUE if none. */
    long earliestAckNewer(long version) {
        long earliest = Long.MAX_VALUE;
        for (int node = newerPrefix(version); node > 0; node -= node & -node) {
            earliest = Math.min(earliest, earliestAcks[node]);
        }
        return earliest;
    }

    /** How many announced versions are newer than {@code version}: the length of the descending prefix. */
    private int newerPrefix(long version) {
        return versions.length - SortedLongs.countAtMost(versions, version);
    }
}
