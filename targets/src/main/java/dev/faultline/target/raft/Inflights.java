package dev.faultline.target.raft;

/**
 * The appends sent to one follower and not yet acknowledged, as the last index each carried (etcd
 * raft {@code tracker/inflights.go}): a bounded ring, so a leader pipelines at most
 * {@code capacity} appends to a follower before it waits.
 */
final class Inflights {
    private final long[] lastIndexes;
    private int start;
    private int count;

    Inflights(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("inflight capacity must be positive, was " + capacity);
        }
        lastIndexes = new long[capacity];
    }

    boolean isFull() {
        return count == lastIndexes.length;
    }

    int count() {
        return count;
    }

    /** Records an append whose last entry is {@code lastIndex}; indexes must increase. */
    void add(long lastIndex) {
        if (isFull()) {
            throw new IllegalStateException("inflight ring full (" + count + " appends)");
        }
        if (count > 0 && lastIndexes[(start + count - 1) % lastIndexes.length] >= lastIndex) {
            throw new IllegalStateException("inflight appends must end at increasing indexes, got " + lastIndex);
        }
        lastIndexes[(start + count) % lastIndexes.length] = lastIndex;
        count++;
    }

    /** Forgets every append acknowledged by a match at {@code matchIndex}. */
    void freeUpTo(long matchIndex) {
        while (count > 0 && lastIndexes[start] <= matchIndex) {
            start = (start + 1) % lastIndexes.length;
            count--;
        }
    }

    void reset() {
        start = 0;
        count = 0;
    }
}
