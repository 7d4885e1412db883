package dev.faultline.target.zab;

import dev.faultline.target.common.kv.KvRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The messages between ZAB servers, named after ZooKeeper's election notifications and quorum
 * packets ({@code Leader.java}: FOLLOWERINFO, LEADERINFO, ACKEPOCH, NEWLEADER, ACK, UPTODATE,
 * PROPOSAL, COMMIT, INFORM, PING, REQUEST, SYNC).
 *
 * <p>ZooKeeper runs them over TCP and relies on its order; ours may be lost, duplicated and
 * reordered, so every message is idempotent: acks and commits are cumulative (everything up to a
 * zxid), a learner takes a proposal only when it {@link Zxid#follows follows} its history, the
 * leader retransmits what a learner has not acknowledged, and learners repeat their handshake
 * step until the next one arrives. Every message after the election names the epoch it belongs
 * to; a server drops messages of any epoch but the one it is in.
 */
public sealed interface ZabMessage {

    /** The epoch this message belongs to, or -1 for an election notification. */
    long epoch();

    // ------------------------------------------------------------ fast leader election

    /**
     * A vote (ZooKeeper's {@code Notification}).
     *
     * @param round the sender's election round (ZooKeeper's {@code electionEpoch}, its logical clock)
     * @param state the sender's state: a LOOKING sender is campaigning, any other is telling a
     *     LOOKING server who it follows
     */
    record Notification(Vote vote, long round, ServerState state) implements ZabMessage {
        public Notification {
            Objects.requireNonNull(vote, "vote");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public long epoch() {
            return -1;
        }
    }

    // ------------------------------------------------------------ discovery

    /** A learner asks to join: FOLLOWERINFO (or OBSERVERINFO) with its accepted epoch and history. */
    record FollowerInfo(long acceptedEpoch, Zxid lastZxid, boolean observer) implements ZabMessage {
        @Override
        public long epoch() {
            return acceptedEpoch;
        }
    }

    /** LEADERINFO: the new epoch the prospective leader proposes. */
    record LeaderInfo(long epoch) implements ZabMessage {}

    /**
     * ACKEPOCH: the learner accepted {@code epoch} and reports its current epoch and last zxid.
     *
     * @param counts false when the learner had already accepted this epoch before this leader
     *     asked (ZooKeeper sends current epoch -1): it then may not count towards the quorum
     *     that establishes the epoch, since it may have promised it to another leader
     */
    record AckEpoch(long epoch, long currentEpoch, Zxid lastZxid, boolean counts) implements ZabMessage {}

    // ------------------------------------------------------------ synchronization

    /** How a learner's history is brought in line with the leader's. */
    enum SyncMode {
        /** Send what the learner lacks. */
        DIFF,
        /** Cut the learner's history back to {@code truncateTo}, then send what it lacks. */
        TRUNC,
        /** Replace the learner's state by the leader's snapshot, then send the rest. */
        SNAP
    }

    /**
     * NEWLEADER together with the DIFF, TRUNC or SNAP that precedes it in ZooKeeper's stream: the
     * learner applies it, makes it durable, takes {@code epoch} as its current epoch and acks.
     *
     * @param truncateTo for TRUNC, the learner keeps its history up to here
     * @param snapshotZxid for SNAP, the zxid the snapshot's state reflects
     * @param snapshotData for SNAP, the leader's state at {@code snapshotZxid}; empty otherwise
     * @param txns the transactions that follow (after the learner's history, the truncation
     *     point or the snapshot), in zxid order
     * @param committed the leader's commit point
     */
    record NewLeader(long epoch, SyncMode mode, Zxid truncateTo, Zxid snapshotZxid, Map<Object, Object> snapshotData,
            List<Txn> txns, Zxid committed) implements ZabMessage {
        public NewLeader {
            Objects.requireNonNull(mode, "mode");
            // Keys and values may be null (a single-register workload uses the null key).
            snapshotData = Collections.unmodifiableMap(new LinkedHashMap<>(snapshotData));
            txns = List.copyOf(txns);
        }

        /** The last zxid of the learner's history once this is applied, given it ended at {@code learnerLast}. */
        Zxid lastZxidAfter(Zxid learnerLast) {
            Zxid base = switch (mode) {
                case DIFF -> learnerLast;
                case TRUNC -> truncateTo;
                case SNAP -> snapshotZxid;
            };
            return txns.isEmpty() ? base : Zxid.max(base, txns.get(txns.size() - 1).zxid());
        }
    }

    /** UPTODATE: a quorum has acknowledged NEWLEADER; the learner may serve clients. */
    record UpToDate(long epoch, Zxid committed) implements ZabMessage {}

    // ------------------------------------------------------------ broadcast

    /** PROPOSAL: a follower logs it durably, then acks. */
    record Proposal(long epoch, Txn txn) implements ZabMessage {}

    /**
     * ACK: the learner's history is durable up to {@code zxid} (cumulative).
     *
     * @param newLeader whether this acknowledges NEWLEADER
     */
    record Ack(long epoch, Zxid zxid, boolean newLeader) implements ZabMessage {}

    /** COMMIT: every transaction up to {@code zxid} is committed (cumulative). */
    record Commit(long epoch, Zxid zxid) implements ZabMessage {}

    /** INFORM: a committed transaction for an observer, which never sees proposals. */
    record Inform(long epoch, Txn txn) implements ZabMessage {}

    /** PING: the leader is alive and has committed up to {@code committed}; the round is echoed. */
    record Ping(long epoch, long round, Zxid committed) implements ZabMessage {}

    /** The learner's answer to a {@link Ping}: it still follows this leader in this epoch. */
    record PingReply(long epoch, long round) implements ZabMessage {}

    // ------------------------------------------------------------ client requests

    /** REQUEST: a change a learner's client asked for, for the leader to propose. */
    record Forward(long epoch, long requestId, KvRequest request) implements ZabMessage {}

    /** SYNC: a learner's client wants to read everything committed before now. */
    record SyncRequest(long epoch, long requestId) implements ZabMessage {}

    /**
     * The leader's answer to {@link SyncRequest}, sent once a quorum confirmed it still leads:
     * the learner serves the read when it has delivered up to {@code zxid}.
     */
    record SyncReply(long epoch, long requestId, Zxid zxid) implements ZabMessage {}
}
