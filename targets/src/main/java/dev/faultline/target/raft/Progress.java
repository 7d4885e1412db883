package dev.faultline.target.raft;

/**
 * What a leader knows about one follower's log (Figure 2's {@code nextIndex} and
 * {@code matchIndex}, with etcd raft's {@code tracker/progress.go} states):
 *
 * <ul>
 *   <li>{@link State#PROBE}: the leader does not know where the logs match; it sends one append
 *       at a time and backs off on each rejection;
 *   <li>{@link State#REPLICATE}: the logs match up to {@code matchIndex}; appends are pipelined,
 *       {@code nextIndex} advancing optimistically, bounded by {@link Inflights};
 *   <li>{@link State#SNAPSHOT}: the entries the follower needs were compacted; the leader streams
 *       its snapshot in chunks and waits.
 * </ul>
 *
 * Invariant: {@code matchIndex < nextIndex}.
 */
final class Progress {
    enum State { PROBE, REPLICATE, SNAPSHOT }

    private State state = State.PROBE;
    private long matchIndex;
    private long nextIndex;
    /** In PROBE: an append is out, so wait for its answer (or the next heartbeat) before sending another. */
    private boolean probeSent;
    private final Inflights inflights;
    /** Whether the follower answered anything since the last check-quorum round. */
    private boolean recentActive;
    /** The latest heartbeat round the follower acknowledged. */
    private long acknowledgedRound;
    /** In SNAPSHOT: the snapshot being sent, and how many of its bytes the follower confirmed. */
    private long pendingSnapshotIndex;
    private long snapshotOffset;
    /** In SNAPSHOT: whether a chunk is out and unanswered. */
    private boolean chunkSent;

    Progress(long nextIndex, int inflightAppendsMax) {
        this.nextIndex = nextIndex;
        this.inflights = new Inflights(inflightAppendsMax);
    }

    State state() {
        return state;
    }

    long matchIndex() {
        return matchIndex;
    }

    long nextIndex() {
        return nextIndex;
    }

    boolean recentActive() {
        return recentActive;
    }

    void setRecentActive(boolean active) {
        recentActive = active;
    }

    long acknowledgedRound() {
        return acknowledgedRound;
    }

    void acknowledgeRound(long round) {
        acknowledgedRound = Math.max(acknowledgedRound, round);
    }

    long pendingSnapshotIndex() {
        return pendingSnapshotIndex;
    }

    long snapshotOffset() {
        return snapshotOffset;
    }

    boolean chunkSent() {
        return chunkSent;
    }

    /** Whether the leader should hold back appends to this follower for now. */
    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.isFull();
            case SNAPSHOT -> true;
        };
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT) {
            // Resume right after the snapshot if it got there, else where the follower's log matched.
            nextIndex = Math.max(matchIndex + 1, pendingSnapshotIndex + 1);
        } else {
            nextIndex = matchIndex + 1;
        }
        reset(State.PROBE);
    }

    void becomeReplicate() {
        nextIndex = matchIndex + 1;
        reset(State.REPLICATE);
    }

    void becomeSnapshot(long snapshotIndex) {
        reset(State.SNAPSHOT);
        pendingSnapshotIndex = snapshotIndex;
    }

    private void reset(State next) {
        state = next;
        probeSent = false;
        chunkSent = false;
        pendingSnapshotIndex = 0;
        snapshotOffset = 0;
        inflights.reset();
    }

    /** A heartbeat answer came: a probe may go again. */
    void resumeProbe() {
        probeSent = false;
    }

    /** Records an append covering up to {@code lastIndex} just sent. */
    void sentAppend(long lastIndex) {
        switch (state) {
            case PROBE -> probeSent = true;
            case REPLICATE -> {
                if (lastIndex >= nextIndex) {
                    nextIndex = lastIndex + 1;
                    inflights.add(lastIndex);
                }
            }
            case SNAPSHOT -> throw new IllegalStateException("no appends while sending a snapshot");
        }
    }

    /** Records a chunk sent; it waits for its answer before the next. */
    void sentChunk() {
        chunkSent = true;
    }

    /** Records that the follower holds {@code offset} bytes of the pending snapshot. */
    void chunkAcknowledged(long offset) {
        snapshotOffset = offset;
        chunkSent = false;
    }

    /** A chunk went unanswered for a heartbeat interval: send it again. */
    void resendChunk() {
        chunkSent = false;
    }

    /**
     * The follower's log matches up to {@code index}: raises matchIndex (never lowers it: answers
     * arrive late, duplicated and out of order). Returns whether it rose.
     */
    boolean maybeUpdate(long index) {
        boolean updated = index > matchIndex;
        if (updated) {
            matchIndex = index;
            probeSent = false;
        }
        nextIndex = Math.max(nextIndex, index + 1);
        inflights.freeUpTo(index);
        return updated;
    }

    /**
     * The follower rejected an append after {@code rejectedIndex}; back {@code nextIndex} off to
     * {@code hintIndex} (the leader's guess from the follower's conflict hint). A rejection is stale
     * and ignored when it is about an index the follower already matched, or, when probing, not
     * about the probe in flight (etcd {@code MaybeDecrTo}). Returns whether nextIndex moved.
     */
    boolean maybeDecreaseTo(long rejectedIndex, long hintIndex) {
        if (state == State.REPLICATE) {
            if (rejectedIndex <= matchIndex) {
                return false;
            }
            nextIndex = matchIndex + 1;
            return true;
        }
        if (nextIndex - 1 != rejectedIndex) {
            return false;
        }
        nextIndex = Math.max(Math.min(rejectedIndex, hintIndex), matchIndex + 1);
        probeSent = false;
        return true;
    }

    void checkInvariants(String peer) {
        if (matchIndex >= nextIndex) {
            throw new IllegalStateException("progress of " + peer + ": matchIndex " + matchIndex + " >= nextIndex " + nextIndex);
        }
    }

    @Override
    public String toString() {
        return state + " match=" + matchIndex + " next=" + nextIndex + " inflight=" + inflights.count();
    }
}
