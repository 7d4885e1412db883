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
import dev.faultline.target.zab.ZabMessage.Ping;
import dev.faultline.target.zab.ZabMessage.PingReply;
import dev.faultline.target.zab.ZabMessage.Proposal;
import dev.faultline.target.zab.ZabMessage.SyncReply;
import dev.faultline.target.zab.ZabMessage.SyncRequest;
import dev.faultline.target.zab.ZabMessage.UpToDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The LEADING role (ZooKeeper's {@code Leader.lead} with its {@code LearnerHandler}s), in three
 * phases:
 *
 * <ol>
 *   <li><b>Discovery</b>: learners send FOLLOWERINFO with their accepted epoch; once a quorum of
 *       voters (this one included) has, the new epoch is one above every accepted epoch reported
 *       ({@code getEpochToPropose}); it is persisted as accepted and sent as LEADERINFO. Learners
 *       promise it and answer ACKEPOCH with their current epoch and last zxid; a learner whose
 *       history is more recent than this leader's makes it give up ({@code waitForEpochAck}).
 *       A quorum of counting ACKEPOCHs and this leader adopts the epoch as current. A learner
 *       that registers later having promised a higher epoch than this one makes the leader give
 *       way, whatever its phase (ZooKeeper would leave that learner looping).
 *   <li><b>Synchronization</b>: each learner gets NEWLEADER with a DIFF, TRUNC or SNAP
 *       ({@link SyncPlan}); once a quorum of voters acknowledged NEWLEADER (their synced history
 *       durable), the leader is <em>established</em>: its whole history is committed, UPTODATE
 *       goes out and clients are served. Observers are synced only then.
 *   <li><b>Broadcast</b>: each change gets the next zxid, is logged and sent as PROPOSAL to every
 *       synced follower; acks are cumulative, and the commit point is the highest zxid a quorum
 *       of voters has made durable, so transactions commit in zxid order. Each newly committed
 *       zxid goes out as COMMIT (INFORM with the transaction to observers).
 * </ol>
 *
 * Pings every {@code pingTicks} carry the commit point (so a lost COMMIT heals) and a round
 * number; a sync is answered once a quorum answered a round that started after it arrived, which
 * proves no newer leader had taken over when it arrived (ZooKeeper's sync is not a quorum
 * operation, ZOOKEEPER-1675; ours is, so sync-then-read is linearizable). A leader that has not
 * been established within {@code initLimitTicks}, or whose last confirmed round is older than
 * {@code syncLimitTicks}, looks for a leader again. Unacknowledged proposals are re-sent after
 * {@code retransmitTicks}; a learner that fell behind what memory holds is dropped and resyncs.
 */
final class Leader implements Role {
    private enum Phase { DISCOVERY, SYNCHRONIZATION, BROADCAST }

    /** A sync waiting for a quorum to confirm a ping round that started after it arrived. */
    private record PendingSync(String learner, long id, long round, Zxid committedAtArrival) {}

    private final Replica replica;
    private final Transitions transitions;
    private final long startTick;
    /** This leader's credentials when it started, for the "learner is ahead" check. */
    private final long startCurrentEpoch;
    private final Zxid startLastZxid;
    private final Map<String, LearnerProgress> learners = new LinkedHashMap<>();
    private final List<PendingSync> pendingSyncs = new ArrayList<>();
    /** Forwarded requests already proposed in this epoch, so a duplicated REQUEST is proposed once. */
    private final Set<String> proposedForwards = new LinkedHashSet<>();
    /** Ping rounds not yet confirmed, with the tick each started. */
    private final ArrayDeque<long[]> roundStarts = new ArrayDeque<>();
    private Phase phase = Phase.DISCOVERY;
    private long epoch;
    private long pingRound;
    private long confirmedRound;
    private long confirmedTick;
    private boolean pingWanted;

    Leader(Replica replica, Transitions transitions) {
        this.replica = replica;
        this.transitions = transitions;
        this.startTick = replica.ticks;
        this.startCurrentEpoch = replica.currentEpoch;
        this.startLastZxid = replica.log.lastZxid();
        chooseEpochIfQuorum();
    }

    @Override
    public ServerState state() {
        return ServerState.LEADING;
    }

    @Override
    public String leader() {
        return replica.nodeId;
    }

    @Override
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean serving() {
        return phase == Phase.BROADCAST;
    }

    @Override
    public void receive(String from, ZabMessage message) {
        if (message instanceof FollowerInfo info) {
            onFollowerInfo(from, info);
            return;
        }
        LearnerProgress learner = learners.get(from);
        if (learner == null) {
            return;
        }
        if (message instanceof AckEpoch ack) {
            onAckEpoch(from, learner, ack);
        } else if (message instanceof Ack ack) {
            onAck(from, learner, ack);
        } else if (message instanceof PingReply reply) {
            learner.pingRound = Math.max(learner.pingRound, reply.round());
            confirmRounds();
        } else if (message instanceof Forward forward) {
            onForward(from, learner, forward);
        } else if (message instanceof SyncRequest sync) {
            if (learner.upToDate) {
                awaitQuorumFor(from, sync.requestId());
            }
        }
        pingIfWanted();
    }

    // ------------------------------------------------------------ discovery

    private void onFollowerInfo(String from, FollowerInfo info) {
        if (epoch > 0 && info.acceptedEpoch() > epoch) {
            // It promised a later epoch (to a prospective leader never established, often itself
            // behind a one-way partition) and would refuse ours forever, as ZooKeeper's learner
            // does, looping between election and registration. Giving way lets the next discovery
            // choose an epoch above its promise.
            transitions.lookForLeader(from + " accepted epoch " + info.acceptedEpoch() + " above " + epoch);
            return;
        }
        // A learner that registers again (it restarted, or looked for a leader) starts over.
        learners.put(from, new LearnerProgress(!replica.isVoter(from), info.acceptedEpoch(), info.lastZxid(), replica.ticks));
        if (epoch > 0) {
            replica.ready.send(from, new LeaderInfo(epoch));
        } else {
            chooseEpochIfQuorum();
        }
    }

    private void chooseEpochIfQuorum() {
        // Above every registered learner's promise, observers' too (ZooKeeper's getEpochToPropose),
        // so that none of them has to refuse the epoch; only voters make the quorum.
        long highest = replica.acceptedEpoch;
        int voters = 1;
        for (LearnerProgress learner : learners.values()) {
            highest = Math.max(highest, learner.acceptedEpoch);
            if (!learner.observer) {
                voters++;
            }
        }
        if (voters < replica.quorumSize()) {
            return;
        }
        Invariants.check(highest < Zxid.EPOCH_MAX, "epochs exhausted at %d", highest);
        epoch = highest + 1;
        replica.acceptEpoch(epoch);
        replica.ready.event("discovery", "leader=" + replica.nodeId + " epoch=" + epoch);
        for (String learner : learners.keySet()) {
            replica.ready.sendAfterPersist(learner, new LeaderInfo(epoch));
        }
        establishEpochIfQuorum();
    }

    private void onAckEpoch(String from, LearnerProgress learner, AckEpoch ack) {
        if (learner.epochAcked) {
            return;
        }
        if (phase == Phase.DISCOVERY && ack.counts() && !learner.observer && isAhead(ack)) {
            transitions.lookForLeader(from + " is ahead: epoch " + ack.currentEpoch() + " zxid " + ack.lastZxid());
            return;
        }
        learner.epochAcked = true;
        learner.countsForEpoch = ack.counts();
        learner.reportedZxid = ack.lastZxid();
        if (phase == Phase.DISCOVERY) {
            establishEpochIfQuorum();
        } else if (!learner.observer || phase == Phase.BROADCAST) {
            sendNewLeader(from, learner);
        }
    }

    private boolean isAhead(AckEpoch ack) {
        return ack.currentEpoch() > startCurrentEpoch
                || (ack.currentEpoch() == startCurrentEpoch && ack.lastZxid().isAfter(startLastZxid));
    }

    private void establishEpochIfQuorum() {
        int counting = 1;
        for (LearnerProgress learner : learners.values()) {
            if (!learner.observer && learner.epochAcked && learner.countsForEpoch) {
                counting++;
            }
        }
        if (counting < replica.quorumSize()) {
            return;
        }
        replica.adoptEpoch(epoch);
        transitions.updateElectionVote(epoch);
        phase = Phase.SYNCHRONIZATION;
        for (Map.Entry<String, LearnerProgress> entry : learners.entrySet()) {
            if (entry.getValue().epochAcked && !entry.getValue().observer) {
                sendNewLeader(entry.getKey(), entry.getValue());
            }
        }
        establishIfQuorum();
    }

    // ------------------------------------------------------------ synchronization

    private void sendNewLeader(String to, LearnerProgress learner) {
        ZabMessage.NewLeader newLeader = SyncPlan.plan(replica, epoch, learner.reportedZxid, learner.observer);
        replica.ready.sendAfterPersist(to, newLeader);
        learner.newLeaderSent = true;
        learner.progressTick = replica.ticks;
    }

    private void onAck(String from, LearnerProgress learner, Ack ack) {
        if (!learner.newLeaderSent) {
            return;
        }
        if (ack.newLeader()) {
            if (learner.newLeaderAcked) {
                if (learner.upToDate) {
                    replica.ready.send(from, new UpToDate(epoch, replica.committed));
                }
                return;
            }
            learner.newLeaderAcked = true;
            learner.ackedZxid = ack.zxid();
            learner.progressTick = replica.ticks;
            if (phase == Phase.BROADCAST) {
                tryCommit();
                sendUpToDate(from, learner);
            } else {
                establishIfQuorum();
            }
            return;
        }
        if (learner.newLeaderAcked && ack.zxid().isAfter(learner.ackedZxid)) {
            learner.ackedZxid = ack.zxid();
            learner.progressTick = replica.ticks;
            tryCommit();
        }
    }

    private void establishIfQuorum() {
        int acked = 1;
        for (LearnerProgress learner : learners.values()) {
            if (learner.countsForCommit()) {
                acked++;
            }
        }
        if (acked < replica.quorumSize()) {
            return;
        }
        phase = Phase.BROADCAST;
        confirmedTick = replica.ticks;
        replica.ready.event("role", "role=leading established epoch=" + epoch + " zxid=" + replica.log.lastZxid());
        replica.probe.established(replica.nodeId, epoch, replica.log.base(), replica.log.after(replica.log.base()));
        tryCommit();
        for (Map.Entry<String, LearnerProgress> entry : learners.entrySet()) {
            LearnerProgress learner = entry.getValue();
            if (learner.newLeaderAcked) {
                sendUpToDate(entry.getKey(), learner);
            } else if (learner.observer && learner.epochAcked) {
                sendNewLeader(entry.getKey(), learner);
            }
        }
    }

    private void sendUpToDate(String to, LearnerProgress learner) {
        learner.upToDate = true;
        replica.ready.send(to, new UpToDate(epoch, replica.committed));
    }

    // ------------------------------------------------------------ broadcast

    @Override
    public void requestChange(long id, KvRequest request) {
        if (!propose(replica.nodeId, id, request)) {
            replica.clients.refuse(id);
            stepDownIfSpent();
        }
    }

    private void onForward(String from, LearnerProgress learner, Forward forward) {
        if (!learner.upToDate || !proposedForwards.add(from + "#" + forward.requestId())) {
            return;
        }
        if (proposedForwards.size() > replica.config.pendingRequestsMax() * 16) {
            Iterator<String> oldest = proposedForwards.iterator();
            oldest.next();
            oldest.remove();
        }
        if (!propose(from, forward.requestId(), forward.request())) {
            stepDownIfSpent();
        }
    }

    /** Gives the change the next zxid, logs it and sends it to every synced follower; false when it cannot. */
    private boolean propose(String origin, long requestId, KvRequest request) {
        if (phase != Phase.BROADCAST) {
            return false;
        }
        Zxid last = replica.log.lastZxid();
        if (last.exhausts(epoch, replica.config.counterLimit())) {
            return false;
        }
        Txn txn = new Txn(last.nextIn(epoch, replica.config.counterLimit()), origin, requestId, request.withSeenPosition(0));
        replica.logTxn(txn, true);
        Proposal proposal = new Proposal(epoch, txn);
        for (Map.Entry<String, LearnerProgress> entry : learners.entrySet()) {
            if (!entry.getValue().observer && entry.getValue().newLeaderSent) {
                replica.ready.send(entry.getKey(), proposal);
            }
        }
        return true;
    }

    /** ZooKeeper's XidRolloverException: once the counter is spent, only a new epoch can go on. */
    private void stepDownIfSpent() {
        Zxid last = replica.log.lastZxid();
        if (last.exhausts(epoch, replica.config.counterLimit())) {
            transitions.lookForLeader("zxid counter rollover at " + last);
        }
    }

    /**
     * Commits up to the highest zxid a quorum of voters has made durable, this leader counted with
     * what it had persisted by its last hand-over; cumulative acks make this zxid order.
     */
    private void tryCommit() {
        if (phase != Phase.BROADCAST) {
            return;
        }
        Zxid durable = quorumValue(replica.durableZxid, learner -> learner.ackedZxid);
        if (durable == null) {
            return;
        }
        Zxid quorumDurable = Zxid.min(durable, replica.log.lastZxid());
        if (!quorumDurable.isAfter(replica.committed)) {
            return;
        }
        // Read before delivering: delivery may drop old txns from memory.
        List<Txn> committed = replica.log.between(replica.committed, quorumDurable, Integer.MAX_VALUE);
        replica.commitUpTo(quorumDurable);
        announceCommits(committed);
    }

    /** One COMMIT per newly committed zxid to followers (ZooKeeper's stream), one INFORM each to observers. */
    private void announceCommits(List<Txn> committed) {
        for (Map.Entry<String, LearnerProgress> entry : learners.entrySet()) {
            LearnerProgress learner = entry.getValue();
            if (!learner.newLeaderSent) {
                continue;
            }
            for (Txn txn : committed) {
                replica.ready.send(entry.getKey(), learner.observer ? new Inform(epoch, txn) : new Commit(epoch, txn.zxid()));
            }
        }
    }

    // ------------------------------------------------------------ sync and pings

    @Override
    public void requestSync(long id) {
        awaitQuorumFor(replica.nodeId, id);
        pingIfWanted();
    }

    private void awaitQuorumFor(String learner, long id) {
        if (pendingSyncs.size() >= replica.config.pendingRequestsMax()) {
            return;
        }
        pendingSyncs.add(new PendingSync(learner, id, pingRound + 1, replica.committed));
        pingWanted = true;
    }

    private void pingIfWanted() {
        if (pingWanted) {
            ping();
        }
    }

    private void ping() {
        pingWanted = false;
        pingRound++;
        roundStarts.addLast(new long[] {pingRound, replica.ticks});
        Ping ping = new Ping(epoch, pingRound, replica.committed);
        for (Map.Entry<String, LearnerProgress> entry : learners.entrySet()) {
            if (entry.getValue().newLeaderSent) {
                replica.ready.send(entry.getKey(), ping);
            }
        }
        confirmRounds();
    }

    /**
     * The highest value a quorum of voters has reached: this leader's {@code own} and what each
     * voter that acknowledged NEWLEADER reports (etcd raft's {@code quorum.CommittedIndex}); null
     * while fewer than a quorum count.
     */
    private <T extends Comparable<T>> T quorumValue(T own, Function<LearnerProgress, T> ofLearner) {
        List<T> values = new ArrayList<>();
        values.add(own);
        for (LearnerProgress learner : learners.values()) {
            if (learner.countsForCommit()) {
                values.add(ofLearner.apply(learner));
            }
        }
        if (values.size() < replica.quorumSize()) {
            return null;
        }
        values.sort(Collections.reverseOrder());
        return values.get(replica.quorumSize() - 1);
    }

    /** Advances the confirmed round to the highest a quorum (this leader included) has answered; releases syncs. */
    private void confirmRounds() {
        Long quorumRound = quorumValue(pingRound, learner -> learner.pingRound);
        if (quorumRound == null) {
            return;
        }
        while (!roundStarts.isEmpty() && roundStarts.peekFirst()[0] <= quorumRound) {
            long[] started = roundStarts.pollFirst();
            confirmedRound = started[0];
            confirmedTick = Math.max(confirmedTick, started[1]);
        }
        releaseSyncs();
    }

    private void releaseSyncs() {
        for (Iterator<PendingSync> iterator = pendingSyncs.iterator(); iterator.hasNext(); ) {
            PendingSync sync = iterator.next();
            if (sync.round() > confirmedRound) {
                continue;
            }
            iterator.remove();
            if (sync.learner().equals(replica.nodeId)) {
                replica.clients.synced(sync.id(), sync.committedAtArrival());
            } else {
                replica.ready.send(sync.learner(), new SyncReply(epoch, sync.id(), sync.committedAtArrival()));
            }
        }
    }

    // ------------------------------------------------------------ time

    @Override
    public void tick() {
        if (phase != Phase.BROADCAST && replica.ticks - startTick > replica.config.initLimitTicks()) {
            transitions.lookForLeader("not established within " + replica.config.initLimitTicks() + " ticks");
            return;
        }
        if (phase == Phase.BROADCAST && replica.ticks - confirmedTick > replica.config.syncLimitTicks()) {
            transitions.lookForLeader("no quorum confirmed epoch " + epoch + " for " + replica.config.syncLimitTicks() + " ticks");
            return;
        }
        tryCommit();
        if (phase != Phase.DISCOVERY && replica.ticks % replica.config.pingTicks() == 0) {
            ping();
        }
        retransmit();
        pingIfWanted();
    }

    private void retransmit() {
        for (Iterator<Map.Entry<String, LearnerProgress>> iterator = learners.entrySet().iterator(); iterator.hasNext(); ) {
            Map.Entry<String, LearnerProgress> entry = iterator.next();
            LearnerProgress learner = entry.getValue();
            if (!learner.newLeaderSent || replica.ticks - learner.progressTick < replica.config.retransmitTicks()) {
                continue;
            }
            if (!learner.newLeaderAcked) {
                sendNewLeader(entry.getKey(), learner);
                continue;
            }
            Zxid upTo = learner.observer ? replica.committed : replica.log.lastZxid();
            if (!learner.ackedZxid.isBefore(upTo)) {
                continue;
            }
            if (learner.ackedZxid.isBefore(replica.log.base())) {
                // What it lacks is no longer in memory: forget it; it times out and resyncs with a SNAP.
                iterator.remove();
                continue;
            }
            for (Txn txn : replica.log.between(learner.ackedZxid, upTo, replica.config.txnsPerMessageMax())) {
                replica.ready.send(entry.getKey(), learner.observer ? new Inform(epoch, txn) : new Proposal(epoch, txn));
            }
            learner.progressTick = replica.ticks;
        }
    }

    @Override
    public void checkInvariants() {
        Invariants.check(epoch == 0 || epoch == replica.acceptedEpoch, "%s leads epoch %d but accepted %d", replica.nodeId,
                epoch, replica.acceptedEpoch);
        Invariants.check(phase == Phase.DISCOVERY || replica.currentEpoch == epoch, "%s synchronizes epoch %d with current %d",
                replica.nodeId, epoch, replica.currentEpoch);
        Invariants.check(!replica.committed.isAfter(replica.log.lastZxid()), "%s committed %s beyond its history %s",
                replica.nodeId, replica.committed, replica.log.lastZxid());
    }
}
