package dev.faultline.target.gossip;

/**
 * This node's counter for its own version-vector entries. A counter must never be issued twice,
 * or two different writes would carry the same clock and one would silently replace the other;
 * so counters are reserved durably in blocks (the way ID allocators lease ranges): a node issues
 * counters below the reserved limit, and one restarted after a crash starts at the old limit,
 * whatever it had issued. One synced record per {@value #BLOCK} writes instead of one per write.
 */
final class WriteCounters {
    static final long BLOCK = 1_000;

    private long next;
    private long reservedLimit;

    /** Restarts beyond everything reserved before: {@code recoveredLimit} is the last durable reservation. */
    WriteCounters(long recoveredLimit) {
        this.next = recoveredLimit + 1;
        this.reservedLimit = recoveredLimit;
    }

    /** The next counter. Call {@link #needsReservation()} first and persist {@link #reserve()} when it says so. */
    long next() {
        if (next > reservedLimit) {
            throw new IllegalStateException("counter " + next + " issued beyond the reserved limit " + reservedLimit);
        }
        return next++;
    }

    boolean needsReservation() {
        return next > reservedLimit;
    }

    /** Raises the limit by one block and returns it, to be persisted (and synced) before the counter leaves the node. */
    long reserve() {
        reservedLimit += BLOCK;
        return reservedLimit;
    }

    long reservedLimit() {
        return reservedLimit;
    }
}
