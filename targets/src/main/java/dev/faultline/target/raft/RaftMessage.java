package dev.faultline.target.raft;

import java.util.List;
import java.util.Objects;

/**
 * The messages Raft peers exchange (Raft §5, Figure 2; heartbeats and snapshots as in etcd raft).
 * Every message carries its sender's term, which {@link RaftCore} checks once, before any role
 * sees the message.
 */
public sealed interface RaftMessage {
    long term();

    /**
     * RequestVote (§5.2), or a pre-vote (dissertation §9.6) when {@code preVote}: then {@code term}
     * is the term the candidate would campaign in, and nobody changes its own term or vote.
     */
    record RequestVote(long term, boolean preVote, long lastLogIndex, long lastLogTerm) implements RaftMessage {}

    record RequestVoteResponse(long term, boolean preVote, boolean granted) implements RaftMessage {}

    /**
     * AppendEntries (§5.3): the entries follow the leader's entry at {@code prevLogIndex}, which has
     * term {@code prevLogTerm}.
     */
    record AppendEntries(long term, long prevLogIndex, long prevLogTerm, List<Entry> entries, long leaderCommit)
            implements RaftMessage {
        public AppendEntries {
            entries = List.copyOf(entries);
        }

        /** The index of the last entry carried, or {@code prevLogIndex} for an empty append. */
        long lastIndex() {
            return prevLogIndex + entries.size();
        }

        @Override
        public String toString() {
            return "AppendEntries[term=" + term + " prev=" + prevLogIndex + "/" + prevLogTerm + " entries="
                    + (entries.isEmpty() ? "[]" : "[" + entries.get(0).index() + ".." + lastIndex() + "]")
                    + " commit=" + leaderCommit + "]";
        }
    }

    /**
     * The answer to an {@link AppendEntries}. On success the follower's log matches the leader's up
     * to {@code matchIndex}. On rejection, {@code rejectedIndex} is the {@code prevLogIndex} that did
     * not match and {@code conflictIndex}/{@code conflictTerm} tell the leader where to go back to
     * (the first index the follower has of {@code conflictTerm}, or its last index + 1 with term 0
     * when its log is too short), so one round trip skips a whole term (dissertation §5.3).
     */
    record AppendEntriesResponse(long term, boolean success, long matchIndex, long rejectedIndex, long conflictIndex,
            long conflictTerm) implements RaftMessage {
        static AppendEntriesResponse accept(long term, long matchIndex) {
            return new AppendEntriesResponse(term, true, matchIndex, 0, 0, 0);
        }

        static AppendEntriesResponse reject(long term, long rejectedIndex, long conflictIndex, long conflictTerm) {
            return new AppendEntriesResponse(term, false, 0, rejectedIndex, conflictIndex, conflictTerm);
        }
    }

    /**
     * A leader's heartbeat (etcd {@code MsgHeartbeat}): no log check, so {@code leaderCommit} is
     * capped at what the follower is known to hold. {@code round} numbers the leader's heartbeat
     * broadcasts; the acknowledgement of a round by a quorum confirms ReadIndex reads and extends
     * the lease.
     */
    record Heartbeat(long term, long leaderCommit, long round) implements RaftMessage {}

    record HeartbeatResponse(long term, long round) implements RaftMessage {}

    /**
     * One chunk of the leader's snapshot (§7), at byte {@code offset} of {@code totalBytes}; chunks
     * keep every frame far below the transport's 16 MiB limit.
     */
    record InstallSnapshot(long term, SnapshotMeta meta, long totalBytes, long offset, byte[] chunk)
            implements RaftMessage {
        public InstallSnapshot {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(chunk, "chunk");
        }

        boolean isLast() {
            return offset + chunk.length == totalBytes;
        }

        @Override
        public String toString() {
            return "InstallSnapshot[term=" + term + " " + meta + " bytes=" + offset + ".." + (offset + chunk.length)
                    + "/" + totalBytes + "]";
        }
    }

    /**
     * The answer to an {@link InstallSnapshot}: the follower holds the first {@code nextOffset} bytes
     * of the snapshot at {@code snapshotIndex}, or, once installed, {@code installed} with
     * {@code nextOffset} = the total.
     */
    record InstallSnapshotResponse(long term, long snapshotIndex, long nextOffset, boolean installed)
            implements RaftMessage {}
}
