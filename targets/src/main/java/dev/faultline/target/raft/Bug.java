package dev.faultline.target.raft;

import dev.faultline.target.common.PlantedBug;

/**
 * The bugs the Raft target can plant ({@code --bug NAME}), each a real bug class
 * ({@code jvm-consensus-and-deps.md} §4) tested at exactly one decision point of the core. Off
 * unless named.
 */
public enum Bug implements PlantedBug {
    STALE_READ("stale-read", "every node serves reads from its local state, without ReadIndex or a lease"),
    COMMIT_OLD_TERM("commit-old-term", "the leader commits entries of earlier terms by counting replicas (Raft §5.4.2, Figure 8)"),
    NO_FSYNC("no-fsync", "log entries are acknowledged (by followers and to clients) without an fsync: power loss loses committed writes"),
    VOTE_NOT_PERSISTED("vote-not-persisted", "votedFor is not persisted: a restarted node may vote twice in one term"),
    SKIP_NOOP("skip-noop", "a new leader appends no no-op and serves ReadIndex reads before it committed an entry of its term"),
    LEASE_WALLCLOCK("lease-wallclock", "lease reads, timed on the skewable wall clock and as long as the longest election timeout; the leader keeps leading while its lease holds"),
    NO_DEDUP("no-dedup", "no client sessions: a retried write is applied twice");

    private final String flag;
    private final String description;

    Bug(String flag, String description) {
        this.flag = flag;
        this.description = description;
    }

    @Override
    public String flag() {
        return flag;
    }

    @Override
    public String description() {
        return description;
    }
}
