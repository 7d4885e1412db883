package dev.faultline.target.raft;

import java.util.List;
import java.util.Set;

/**
 * The limits and choices of one Raft node, validated (etcd raft's {@code Config.validate()}).
 * Times are in ticks of the node's monotonic clock ({@code tickIntervalNanos} each, 10 ms on the
 * shell by default).
 *
 * @param heartbeatTicks ticks between two heartbeat rounds of a leader
 * @param electionTicksMin the shortest election timeout; each timeout is drawn from
 *     {@code [electionTicksMin, 2 * electionTicksMin)}; also the check-quorum period and how long a
 *     follower that heard from a leader ignores votes
 * @param readMode read-index or lease
 * @param leaseRatio the lease as a fraction of the shortest election timeout, below 1 so that it
 *     stays shorter than any election timeout while clock rates differ by less than
 *     {@code (1 - leaseRatio) / (1 + leaseRatio)} (0.75: 14%)
 * @param inflightAppendsMax appends pipelined to one follower before the leader waits for answers
 * @param appendEntriesMax entries in one append
 * @param appendBytesMax about how many bytes of entries go in one append (far below the 16 MiB frame)
 * @param snapshotEveryEntries applied entries between two compactions of the log
 * @param snapshotChunkBytes bytes of snapshot in one InstallSnapshot message
 * @param uncommittedEntriesMax a leader refuses writes ({@code overloaded}) beyond this many uncommitted entries
 * @param pendingReadsMax a leader refuses reads beyond this many waiting
 * @param sessionsMax client sessions kept for deduplication
 * @param voters the initial configuration; empty means every node of the cluster
 * @param bugs the planted bugs switched on
 */
public record RaftConfig(
        int heartbeatTicks,
        int electionTicksMin,
        ReadMode readMode,
        double leaseRatio,
        int inflightAppendsMax,
        int appendEntriesMax,
        long appendBytesMax,
        long snapshotEveryEntries,
        int snapshotChunkBytes,
        int uncommittedEntriesMax,
        int pendingReadsMax,
        int sessionsMax,
        List<String> voters,
        Set<Bug> bugs) {

    /** Keeps every InstallSnapshot message well inside the transport's 16 MiB frames. */
    static final int SNAPSHOT_CHUNK_BYTES_MAX = 8 << 20;
    static final long APPEND_BYTES_MAX = 8L << 20;

    public RaftConfig {
        voters = List.copyOf(voters);
        bugs = Set.copyOf(bugs);
        check(heartbeatTicks >= 1, "heartbeatTicks must be >= 1, was " + heartbeatTicks);
        check(electionTicksMin > heartbeatTicks, "electionTicksMin (" + electionTicksMin
                + ") must exceed heartbeatTicks (" + heartbeatTicks + ")");
        check(leaseRatio > 0 && leaseRatio < 1, "leaseRatio must be in (0, 1), was " + leaseRatio);
        check(inflightAppendsMax >= 1, "inflightAppendsMax must be >= 1, was " + inflightAppendsMax);
        check(appendEntriesMax >= 1, "appendEntriesMax must be >= 1, was " + appendEntriesMax);
        check(appendBytesMax >= 1 && appendBytesMax <= APPEND_BYTES_MAX, "appendBytesMax must be in [1, " + APPEND_BYTES_MAX
                + "], was " + appendBytesMax);
        check(snapshotEveryEntries >= 1, "snapshotEveryEntries must be >= 1, was " + snapshotEveryEntries);
        check(snapshotChunkBytes >= 1 && snapshotChunkBytes <= SNAPSHOT_CHUNK_BYTES_MAX, "snapshotChunkBytes must be in [1, "
                + SNAPSHOT_CHUNK_BYTES_MAX + "], was " + snapshotChunkBytes);
        check(uncommittedEntriesMax >= 1 && pendingReadsMax >= 1 && sessionsMax >= 1,
                "uncommittedEntriesMax, pendingReadsMax and sessionsMax must be >= 1");
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** 5-tick heartbeats, 50–100-tick election timeouts, ReadIndex reads, a snapshot every 10,000 entries. */
    public static RaftConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean has(Bug bug) {
        return bugs.contains(bug);
    }

    /** Whether reads may use a lease: asked for, or forced by the {@code lease-wallclock} bug. */
    boolean leaseReads() {
        return readMode == ReadMode.LEASE || has(Bug.LEASE_WALLCLOCK);
    }

    /**
     * How long a lease lasts after the heartbeat that a quorum acknowledged: below the shortest
     * election timeout, or (bug) as long as the longest.
     */
    long leaseNanos(long tickIntervalNanos) {
        if (has(Bug.LEASE_WALLCLOCK)) {
            return 2L * electionTicksMin * tickIntervalNanos;
        }
        return (long) (electionTicksMin * leaseRatio * tickIntervalNanos);
    }

    /** Builds a config from the defaults; {@link RaftConfig}'s constructor validates the result. */
    public static final class Builder {
        int heartbeatTicks = 5;
        int electionTicksMin = 50;
        ReadMode readMode = ReadMode.READ_INDEX;
        double leaseRatio = 0.75;
        int inflightAppendsMax = 64;
        int appendEntriesMax = 256;
        long appendBytesMax = 1 << 20;
        long snapshotEveryEntries = 10_000;
        int snapshotChunkBytes = 1 << 20;
        int uncommittedEntriesMax = 10_000;
        int pendingReadsMax = 10_000;
        int sessionsMax = 10_000;
        List<String> voters = List.of();
        Set<Bug> bugs = Set.of();

        private Builder() {}

        public Builder timeouts(int heartbeat, int electionMin) {
            heartbeatTicks = heartbeat;
            electionTicksMin = electionMin;
            return this;
        }

        public Builder readMode(ReadMode mode) {
            readMode = mode;
            return this;
        }

        public Builder inflightAppendsMax(int appends) {
            inflightAppendsMax = appends;
            return this;
        }

        public Builder appendEntriesMax(int entries) {
            appendEntriesMax = entries;
            return this;
        }

        public Builder snapshots(long everyEntries, int chunkBytes) {
            snapshotEveryEntries = everyEntries;
            snapshotChunkBytes = chunkBytes;
            return this;
        }

        public Builder voters(List<String> initialVoters) {
            voters = initialVoters;
            return this;
        }

        public Builder bugs(Set<Bug> planted) {
            bugs = planted;
            return this;
        }

        public RaftConfig build() {
            return new RaftConfig(heartbeatTicks, electionTicksMin, readMode, leaseRatio, inflightAppendsMax,
                    appendEntriesMax, appendBytesMax, snapshotEveryEntries, snapshotChunkBytes, uncommittedEntriesMax,
                    pendingReadsMax, sessionsMax, voters, bugs);
        }
    }
}
