package dev.faultline.target.raft;

/**
 * A leader's numbered heartbeat broadcasts and when each was sent (the "context" of etcd raft's
 * {@code read_only.go}). A quorum acknowledging round {@code r} proves the node still led when it
 * sent {@code r}: ReadIndex reads that waited for {@code r} may go, and the lease runs from the send
 * time of {@code r}. Send times are kept for the last {@value #REMEMBERED} rounds only; an answer
 * to an older round no longer extends the lease.
 */
final class HeartbeatRounds {
    static final int REMEMBERED = 64;
    /** The send time of a round too old to be remembered: earlier than any lease could reach. */
    static final long FORGOTTEN = Long.MIN_VALUE / 2;

    private final long[] sentAt = new long[REMEMBERED];
    private long round;

    /** The latest round sent (0 before the first). */
    long current() {
        return round;
    }

    /** Starts the next round, sent at {@code sentAtTime} on the lease clock; returns its number. */
    long next(long sentAtTime) {
        round++;
        sentAt[(int) (round % REMEMBERED)] = sentAtTime;
        return round;
    }

    long sentAt(long acknowledged) {
        if (acknowledged < 1 || acknowledged > round || round - acknowledged >= REMEMBERED) {
            return FORGOTTEN;
        }
        return sentAt[(int) (acknowledged % REMEMBERED)];
    }
}
