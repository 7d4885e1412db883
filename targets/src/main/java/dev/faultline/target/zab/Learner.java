package dev.faultline.target.zab;

import dev.faultline.target.common.core.Invariants;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.Ack;
import dev.faultline.target.zab.ZabMessage.AckEpoch;
import dev.faultline.target.zab.ZabMessage.Commit;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.Forward;
import dev.faultline.target.zab.ZabMessage.Inform;
import dev.faultline.target.zab.ZabMessage.LeaderInfo;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.Ping;
import dev.faultline.target.zab.ZabMessage.PingReply;
import dev.faultline.target.zab.ZabMessage.Proposal;
import dev.faultline.target.zab.ZabMessage.SyncReply;
import dev.faultline.target.zab.ZabMessage.SyncRequest;
import dev.faultline.target.zab.ZabMessage.UpToDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The FOLLOWING and OBSERVING roles (ZooKeeper's {@code Learner}, {@code Follower},
 * {@code Observer}): register with the elected leader, promise its epoch, synchronize, then log
 * proposals and deliver commits.
 *
 * <ol>
 *   <li>FOLLOWERINFO with the accepted epoch and last zxid, repeated until LEADERINFO comes.
 *   <li>LEADERINFO: an epoch below the accepted one means the leader is stale: look again. A
 *       higher one is persisted as accepted (fsynced) before ACKEPOCH goes out; an equal one is
 *       acknowledged as not counting ({@code registerWithLeader}).
 *   <li>NEWLEADER: apply the TRUNC, SNAP or DIFF, adopt the epoch as current, and acknowledge only
 *       after all of it is durable ({@code syncWithLeader}, ZOOKEEPER-3911).
 *   <li>UPTODATE: serve clients. PROPOSALs are logged and fsynced before their ACK; COMMITs (and
 *       the commit point pings carry) deliver the history in zxid order. An observer gets only
 *       INFORMs, committed transactions, and its acks only tell the leader what to re-send.
 * </ol>
 *
 * A learner that hears nothing from its leader for {@code syncLimitTicks}, or is not up to date
 * within {@code initLimitTicks}, looks for a leader again.
 */
final class Learner implements Role {
    private enum Phase { CONNECTING, EPOCH_ACKED, SYNCED, BROADCAST }

    private final Replica replica;
    private final Transitions transitions;
    private final String leader;
    private final boolean observer;
    private final long startTick;
    private Phase phase = Phase.CONNECTING;
    private long epoch;
    private boolean epochCounts;
    private long lastHeardTick;
    private long lastSentTick;
    /** Transactions that arrived ahead of a gap (the network reorders), held until it fills; bounded. */
    private final TreeMap<Zxid, Txn> early = new TreeMap<>();

    Learner(Replica replica, Transitions transitions, String leader) {
        this.replica = replica;
        this.transitions = transitions;
        this.leader = leader;
        this.observer = replica.isObserver();
        this.startTick = replica.ticks;
        this.lastHeardTick = replica.ticks;
        register();
    }

    @Override
    public ServerState state() {
        return observer ? ServerState.OBSERVING : ServerState.FOLLOWING;
    }

    @Override
    public String leader() {
        return leader;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean serving() {
        return phase == Phase.BROADCAST;
    }

    private void register() {
        phase = Phase.CONNECTING;
        send(new FollowerInfo(replica.acceptedEpoch, replica.log.lastZxid(), observer));
    }

    private void send(ZabMessage message) {
        replica.ready.sendAfterPersist(leader, message);
        lastSentTick = replica.ticks;
    }

    @Override
    public void receive(String from, ZabMessage message) {
        if (!from.equals(leader)) {
            return;
        }
        lastHeardTick = replica.ticks;
        if (message instanceof LeaderInfo info) {
            onLeaderInfo(info);
        } else if (message instanceof NewLeader newLeader) {
            onNewLeader(newLeader);
        } else if (phase == Phase.SYNCED || phase == Phase.BROADCAST) {
            onBroadcast(message);
        }
    }

    private void onLeaderInfo(LeaderInfo info) {
        if (phase != Phase.CONNECTING) {
            if (info.epoch() == epoch && phase == Phase.EPOCH_ACKED) {
                send(ackEpoch());
            }
            return;
        }
        if (info.epoch() < replica.acceptedEpoch) {
            transitions.lookForLeader("leader " + leader + " proposes epoch " + info.epoch() + " below accepted "
                    + replica.acceptedEpoch);
            return;
        }
        epochCounts = info.epoch() > replica.acceptedEpoch;
        if (epochCounts) {
            replica.acceptEpoch(info.epoch());
        }
        epoch = info.epoch();
        phase = Phase.EPOCH_ACKED;
        send(ackEpoch());
    }

    private AckEpoch ackEpoch() {
        return new AckEpoch(epoch, replica.currentEpoch, replica.log.lastZxid(), epochCounts);
    }

    private void onNewLeader(NewLeader newLeader) {
        if (phase == Phase.SYNCED) {
            send(new Ack(epoch, replica.log.lastZxid(), true));
            return;
        }
        if (phase != Phase.EPOCH_ACKED) {
            return;
        }
        if (!applySync(newLeader)) {
            return;
        }
        replica.ready.event("sync", "mode=" + newLeader.mode() + " leader=" + leader + " epoch=" + epoch
                + " txns=" + newLeader.txns().size() + " last-zxid=" + replica.log.lastZxid());
        replica.adoptEpoch(epoch);
        transitions.updateElectionVote(epoch);
        replica.commitUpTo(newLeader.committed());
        phase = Phase.SYNCED;
        Ack ack = new Ack(epoch, replica.log.lastZxid(), true);
        if (replica.config.has(Bug.ACK_NEWLEADER_BEFORE_FSYNC)) {
            // The planted bug: the ack leaves before anything of this batch is durable, and the
            // synced transactions are written only with the next batch (logTxnLater).
            replica.ready.send(leader, ack);
            lastSentTick = replica.ticks;
        } else {
            send(ack);
        }
    }

    /** Applies the TRUNC, SNAP or DIFF; false when the learner had to start over. */
    private boolean applySync(NewLeader newLeader) {
        switch (newLeader.mode()) {
            case SNAP -> replica.installSnapshot(newLeader.snapshotZxid(), newLeader.snapshotData());
            case TRUNC -> {
                Zxid truncateTo = newLeader.truncateTo();
                if (truncateTo.isBefore(replica.delivered)) {
                    // Delivered transactions cannot be undone one by one (only when a planted bug lost
                    // committed ones): drop the whole history and register again from nothing.
                    replica.ready.event("resync", "truncate-to=" + truncateTo + " delivered=" + replica.delivered);
                    replica.discardHistory();
                    register();
                    return false;
                }
                replica.truncate(truncateTo);
            }
            case DIFF -> {
                // Nothing to cut.
            }
        }
        boolean later = replica.config.has(Bug.ACK_NEWLEADER_BEFORE_FSYNC);
        for (Txn txn : newLeader.txns()) {
            if (txn.zxid().isAfter(replica.log.lastZxid())) {
                if (later) {
                    replica.logTxnLater(txn);
                } else {
                    replica.logTxn(txn, false);
                }
            }
        }
        return true;
    }

    private void onBroadcast(ZabMessage message) {
        if (message instanceof UpToDate upToDate) {
            if (phase == Phase.SYNCED) {
                phase = Phase.BROADCAST;
                replica.ready.event("role", "role=" + state().role() + " leader=" + leader + " epoch=" + epoch
                        + " zxid=" + replica.log.lastZxid());
            }
            commit(upToDate.committed());
        } else if (message instanceof Proposal proposal && !observer) {
            onTxn(proposal.txn(), true);
        } else if (message instanceof Inform inform && observer) {
            onTxn(inform.txn(), false);
            commit(inform.txn().zxid());
        } else if (message instanceof Commit commit) {
            if (replica.config.has(Bug.COMMIT_OUT_OF_ORDER)) {
                replica.deliverOutOfOrder(commit.zxid());
            } else {
                commit(commit.zxid());
            }
        } else if (message instanceof Ping ping) {
            replica.ready.send(leader, new PingReply(epoch, ping.round()));
            commit(ping.committed());
        } else if (message instanceof SyncReply sync) {
            replica.clients.synced(sync.requestId(), sync.zxid());
        }
    }

    private void commit(Zxid zxid) {
        replica.commitUpTo(zxid);
        replica.clients.serveSyncedReads();
    }

    /**
     * Logs a proposed (or, for an observer, committed) transaction once it follows the history,
     * with any held ones that then follow; acks everything durable so far, which also answers
     * duplicates and tells the leader where a gap is.
     */
    private void onTxn(Txn txn, boolean sync) {
        Zxid last = replica.log.lastZxid();
        if (txn.zxid().follows(last) || (txn.zxid().isAfter(last) && early.size() < replica.config.txnsPerMessageMax())) {
            early.put(txn.zxid(), txn);
        }
        while (!early.isEmpty() && early.firstKey().follows(replica.log.lastZxid())) {
            Txn next = early.pollFirstEntry().getValue();
            Invariants.check(next.zxid().epoch() == epoch, "%s got %s in epoch %d", replica.nodeId, next.zxid(), epoch);
            replica.logTxn(next, sync);
        }
        early.headMap(replica.log.lastZxid(), true).clear();
        replica.deliverCommitted();
        send(new Ack(epoch, replica.log.lastZxid(), false));
    }

    @Override
    public void requestChange(long id, KvRequest request) {
        replica.ready.send(leader, new Forward(epoch, id, request));
    }

    @Override
    public void requestSync(long id) {
        replica.ready.send(leader, new SyncRequest(epoch, id));
    }

    @Override
    public void tick() {
        if (replica.ticks - lastHeardTick > replica.config.syncLimitTicks()) {
            transitions.lookForLeader("leader " + leader + " silent for " + replica.config.syncLimitTicks() + " ticks");
            return;
        }
        if (phase != Phase.BROADCAST && replica.ticks - startTick > replica.config.initLimitTicks()) {
            transitions.lookForLeader("not up to date with " + leader + " within " + replica.config.initLimitTicks() + " ticks");
            return;
        }
        if (phase != Phase.BROADCAST && replica.ticks - lastSentTick >= replica.config.retransmitTicks()) {
            switch (phase) {
                case CONNECTING -> register();
                case EPOCH_ACKED -> send(ackEpoch());
                case SYNCED -> send(new Ack(epoch, replica.log.lastZxid(), true));
                case BROADCAST -> {
                    // Not reached: serving learners repeat nothing.
                }
            }
        }
    }

    @Override
    public void checkInvariants() {
        Invariants.check(phase.compareTo(Phase.SYNCED) < 0 || replica.currentEpoch == epoch,
                "%s synced with epoch %d but current epoch is %d", replica.nodeId, epoch, replica.currentEpoch);
        Invariants.check(epoch <= replica.acceptedEpoch, "%s follows epoch %d above accepted %d", replica.nodeId, epoch,
                replica.acceptedEpoch);
    }
}
