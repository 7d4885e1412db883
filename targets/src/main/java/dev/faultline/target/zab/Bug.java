package dev.faultline.target.zab;

import dev.faultline.target.common.PlantedBug;

/**
 * The bugs this target can plant ({@code --bug NAME}), each a real ZooKeeper bug class from the
 * catalog in {@code notes/jvm-consensus-and-deps.md} §4. Each is tested at exactly one decision
 * point and is off unless named.
 */
public enum Bug implements PlantedBug {
    /** ZOOKEEPER-1154: the leader DIFF-syncs a learner that holds uncommitted txns beyond its history, without TRUNC. */
    SYNC_SKIP_TRUNC("sync-skip-trunc",
            "DIFF-syncs a learner holding uncommitted txns the leader lacks, without TRUNC: the learner delivers a phantom txn (ZOOKEEPER-1154)"),
    /** ZOOKEEPER-3911 family (4646, 4685, 4643): ACK of NEWLEADER before the synced txns are durable. */
    ACK_NEWLEADER_BEFORE_FSYNC("ack-newleader-before-fsync",
            "acks NEWLEADER and adopts the new epoch before the synced txns are fsynced: power loss loses committed txns (ZOOKEEPER-3911)"),
    /** ZOOKEEPER-582 / ZAB before 1.0: epochs derived from the last logged zxid instead of the epoch files. */
    EPOCH_FROM_LOG_ONLY("epoch-from-log-only",
            "after a restart derives the accepted and current epoch from the last logged zxid, forgetting promised epochs (ZOOKEEPER-582)"),
    /** ZooKeeperServer's check of a reconnecting session's last zxid, skipped. */
    SKIP_ZXID_CHECK_ON_CONNECT("skip-zxid-check-on-connect",
            "serves a client that has seen a newer zxid than this server holds: the client goes back in time"),
    /** Commits delivered as they arrive rather than in zxid order. */
    COMMIT_OUT_OF_ORDER("commit-out-of-order",
            "a learner delivers each COMMIT when it arrives, even before an earlier txn's commit: replicas diverge under reordering");

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
