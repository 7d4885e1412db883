package dev.faultline.target.paxos;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Multi-Paxos node ("Paxos Made Simple" §3) as a deterministic state machine: every node is an
 * {@link Acceptor} and a {@link Learner}, and any node may become the proposer, first as a
 * {@link Candidate} (phase 1), then as the {@link Leader} (phase 2 only, slot after slot).
 *
 * <p>The ballot rule runs once, up front, in {@link #receive}: a leader's message (accept,
 * heartbeat) or a rejection carrying a ballot above this node's own ends its candidacy or
 * leadership; and after every input, a promise this node's acceptor made above its own ballot
 * does the same. Followers campaign when no leader was heard for a randomized election timeout,
 * and back off for another one after losing, so two proposers rarely duel twice in a row.
 *
 * <p>Clients talk to the leader; other nodes answer {@code not-leader} with a hint. Every command
 * goes through the log (reads too, which makes them linearizable), unless the read lease is on
 * and holds ({@link LeaderLease}). A client is answered when its slot executes here; a leader
 * that steps down answers every client still waiting {@code info leadership-lost}.
 */
final class PaxosCore implements Core<PaxosMessage, PaxosRecord> {
    /** A client waiting for the slot its command was proposed in. */
    private record Waiting(long requestId, Command command) {}

    private final String self;
    private final List<String> peers;
    private final int majority;
    private final PaxosConfig config;
    private final RandomGenerator random;
    private final Ready.Builder<PaxosMessage, PaxosRecord> ready = new Ready.Builder<>();
    private final Acceptor acceptor;
    private final Learner learner;
    private final Map<Long, Waiting> waiting = new HashMap<>();
    private Candidate candidate;
    private Leader leader;
    private String leaderHint;
    private long highestRoundSeen;
    private long electionDeadlineNanos;
    private boolean started;

    PaxosCore(CoreContext context, PaxosConfig config, List<PaxosRecord> recovered) {
        this.self = context.nodeId();
        this.peers = context.peers();
        this.majority = context.nodes().size() / 2 + 1;
        this.config = config;
        this.random = context.random();
        this.acceptor = new Acceptor(self, config, ready);
        this.learner = new Learner(self, config, ready);
        for (PaxosRecord record : recovered) {
            acceptor.restore(record);
            learner.restore(record);
        }
        learner.resume();
        learner.drainExecutions(); // re-executing the recovered log answers nobody
        highestRoundSeen = acceptor.promised().round();
        checkInvariants();
    }

    // ---------------------------------------------------------------- inputs

    @Override
    public void tick(ClockReading now) {
        begin(now);
        long nowNanos = now.monotonicNanos();
        if (leader != null) {
            if (!leader.tick(now)) {
                stepDown(now, "no-majority-heard");
            }
        } else if (nowNanos >= electionDeadlineNanos) {
            campaign(now);
        } else if (candidate != null && candidate.retransmitDue(nowNanos)) {
            for (String peer : candidate.missing(peers)) {
                ready.send(peer, candidate.prepare());
            }
        }
        end(now);
    }

    @Override
    public void receive(ClockReading now, String from, PaxosMessage message) {
        begin(now);
        Ballot higher = displacingBallotIn(message);
        if (higher != null && ownBallot() != null && higher.isAbove(ownBallot())) {
            stepDown(now, "higher-ballot " + higher + " from " + from);
        }
        noteRound(message);
        if (message instanceof PaxosMessage.Prepare prepare) {
            onPrepare(now, from, prepare);
        } else if (message instanceof PaxosMessage.Promise promise) {
            onPromise(now, from, promise);
        } else if (message instanceof PaxosMessage.Accept accept) {
            onAccept(now, from, accept);
        } else if (message instanceof PaxosMessage.Accepted accepted) {
            if (leader != null && accepted.ballot().equals(leader.ballot())) {
                leader.onAccepted(now.monotonicNanos(), from, accepted);
            }
        } else if (message instanceof PaxosMessage.Heartbeat heartbeat) {
            onHeartbeat(now, from, heartbeat);
        } else if (message instanceof PaxosMessage.HeartbeatAck ack) {
            if (leader != null && ack.ballot().equals(leader.ballot())) {
                leader.onHeartbeatAck(now.monotonicNanos(), from, ack);
            }
        } else if (message instanceof PaxosMessage.Learn learn) {
            learn.chosen().forEach(learner::learn);
        } else if (message instanceof PaxosMessage.InstallSnapshot snapshot) {
            onInstallSnapshot(now, snapshot);
        }
        // Reject needs nothing beyond the ballot rule: a refusal without a higher ballot is a
        // follower loyal to a live leader, and the election deadline retries later.
        end(now);
    }

    /**
     * The ballot rule's input: a ballot some leader runs (accept, heartbeat) or some acceptor
     * promised (reject). A prepare is not one: whether it displaces this node is for this node's
     * acceptor to decide, and {@link #end} acts on the decision.
     */
    private static Ballot displacingBallotIn(PaxosMessage message) {
        if (message instanceof PaxosMessage.Accept accept) {
            return accept.ballot();
        }
        if (message instanceof PaxosMessage.Heartbeat heartbeat) {
            return heartbeat.ballot();
        }
        if (message instanceof PaxosMessage.Reject reject) {
            return reject.promised();
        }
        return null;
    }

    /** Remembers the highest round any message mentions, so that this node's next ballot is above it. */
    private void noteRound(PaxosMessage message) {
        Ballot ballot = displacingBallotIn(message);
        if (message instanceof PaxosMessage.Prepare prepare) {
            ballot = prepare.ballot();
        }
        if (ballot != null) {
            highestRoundSeen = Math.max(highestRoundSeen, ballot.round());
        }
    }

    @Override
    public void request(ClockReading now, ClientRequest request) {
        begin(now);
        if (leader == null) {
            ready.reply(request.requestId(), KvReply.notLeader(leaderHint));
        } else if (request.request().op() == KvOp.READ && leader.mayReadLocally(now)) {
            ready.reply(request.requestId(), KvReply.ok(learner.read(request.request().key()), Map.of("lease", true)));
        } else if (leader.inFlightCount() >= config.inflightSlotsMax()) {
            ready.reply(request.requestId(), KvReply.fail(KvErrors.OVERLOADED));
        } else {
            Command command = new Command.Client(self, request.requestId(), request.request());
            waiting.put(leader.propose(command, now.monotonicNanos()), new Waiting(request.requestId(), command));
        }
        end(now);
    }

    @Override
    public Ready<PaxosMessage, PaxosRecord> ready() {
        if (leader != null) {
            leader.flush();
        }
        if (learner.compactionDue()) {
            learner.compact();
            acceptor.compact(learner.snapshotSlot());
            ready.snapshot(snapshot());
            ready.event("snapshot", "slot=" + learner.snapshotSlot() + " keys=" + learner.data().size());
        }
        return ready.take();
    }

    // ---------------------------------------------------------------- acceptor side

    private void onPrepare(ClockReading now, String from, PaxosMessage.Prepare prepare) {
        PaxosMessage answer = acceptor.onPrepare(now.monotonicNanos(), from, prepare);
        if (answer instanceof PaxosMessage.Promise promise) {
            resetElectionTimer(now);
            if (promise.compactedThroughSlot() >= prepare.fromSlot()) {
                // The candidate lacks chosen values this node compacted away: bring it up to date.
                ready.send(from, new PaxosMessage.InstallSnapshot(learner.executedSlot(), learner.data()));
            }
        }
        ready.sendAfterPersist(from, answer);
    }

    private void onAccept(ClockReading now, String from, PaxosMessage.Accept accept) {
        PaxosMessage answer = acceptor.onAccept(accept);
        ready.sendAfterPersist(from, answer);
        if (answer instanceof PaxosMessage.Accepted) {
            follow(now, from);
            learnChosen(accept.ballot(), accept.chosenThroughSlot());
        }
    }

    private void onHeartbeat(ClockReading now, String from, PaxosMessage.Heartbeat heartbeat) {
        if (!acceptor.admitsPhaseTwo(heartbeat.ballot())) {
            ready.send(from, new PaxosMessage.Reject(heartbeat.ballot(), acceptor.promised()));
            return;
        }
        follow(now, from);
        learnChosen(heartbeat.ballot(), heartbeat.chosenThroughSlot());
        ready.send(from, new PaxosMessage.HeartbeatAck(heartbeat.ballot(), heartbeat.leaseClockNanos(), learner.executedSlot()));
    }

    /** {@code leader} is alive and current: refuse other proposers for a while, and do not campaign. */
    private void follow(ClockReading now, String leaderNode) {
        leaderHint = leaderNode;
        acceptor.grant(leaderNode, now.monotonicNanos());
        resetElectionTimer(now);
    }

    /**
     * The leader of {@code ballot} says every slot up to {@code chosenThroughSlot} is chosen. A
     * value this acceptor accepted in that same ballot is the one chosen (a ballot proposes one
     * value per slot); other slots wait for the leader's catch-up.
     */
    private void learnChosen(Ballot ballot, long chosenThroughSlot) {
        for (long slot = learner.chosenThroughSlot() + 1; slot <= chosenThroughSlot; slot++) {
            AcceptedValue value = acceptor.accepted(slot);
            if (value != null && value.ballot().equals(ballot)) {
                learner.learn(new Proposal(slot, value.command()));
            }
        }
    }

    private void onInstallSnapshot(ClockReading now, PaxosMessage.InstallSnapshot snapshot) {
        if (snapshot.slot() <= learner.executedSlot()) {
            return;
        }
        if (leader != null) {
            stepDown(now, "behind-snapshot " + snapshot.slot());
        }
        learner.install(snapshot.slot(), snapshot.data());
        acceptor.compact(snapshot.slot());
        ready.snapshot(snapshot());
        ready.event("install-snapshot", "slot=" + snapshot.slot() + " keys=" + snapshot.data().size());
    }

    private PaxosRecord.Snapshot snapshot() {
        return new PaxosRecord.Snapshot(acceptor.promised(), learner.snapshotSlot(), learner.data(),
                acceptor.acceptedValues(), learner.chosenValues());
    }

    // ---------------------------------------------------------------- proposer side

    private void campaign(ClockReading now) {
        long nowNanos = now.monotonicNanos();
        if (acceptor.refuses(self, nowNanos)) {
            electionDeadlineNanos = acceptor.refusalEndsNanos();
            return;
        }
        Ballot ballot = Ballot.above(highestRoundSeen, self);
        highestRoundSeen = ballot.round();
        long fromSlot = learner.chosenThroughSlot() + 1;
        candidate = new Candidate(ballot, fromSlot, majority, config, nowNanos);
        candidate.onPromise(self, acceptor.promiseSelf(ballot, fromSlot));
        leaderHint = null;
        resetElectionTimer(now);
        ready.event("election", "ballot=" + ballot + " from-slot=" + fromSlot);
        for (String peer : peers) {
            ready.send(peer, candidate.prepare());
        }
        if (candidate.hasMajority()) {
            becomeLeader(now);
        }
    }

    private void onPromise(ClockReading now, String from, PaxosMessage.Promise promise) {
        if (candidate == null || !promise.ballot().equals(candidate.ballot())) {
            return;
        }
        candidate.onPromise(from, promise);
        if (candidate.hasMajority()) {
            becomeLeader(now);
        }
    }

    private void becomeLeader(ClockReading now) {
        if (candidate.isBehindCompaction()) {
            stepDown(now, "behind-compaction");
            return;
        }
        List<Proposal> window = candidate.window();
        leader = new Leader(self, candidate.ballot(), peers, majority, config, ready, acceptor, learner, window,
                now.monotonicNanos());
        candidate = null;
        leaderHint = self;
        ready.event("role", "role=leader ballot=" + leader.ballot() + " window=" + window.size());
        leader.tick(now);
    }

    /** Ends a candidacy or a leadership and backs off for a randomized election timeout. */
    private void stepDown(ClockReading now, String reason) {
        if (leader != null) {
            for (Waiting client : waiting.values()) {
                ready.reply(client.requestId(), KvReply.info(KvErrors.LEADERSHIP_LOST));
            }
            waiting.clear();
        }
        Ballot ballot = ownBallot();
        leader = null;
        candidate = null;
        if (leaderHint != null && leaderHint.equals(self)) {
            leaderHint = null;
        }
        resetElectionTimer(now);
        ready.event("role", "role=follower ballot=" + ballot + " reason=" + reason);
    }

    private Ballot ownBallot() {
        return leader != null ? leader.ballot() : candidate != null ? candidate.ballot() : null;
    }

    private void resetElectionTimer(ClockReading now) {
        long timeout = config.electionTimeoutNanos();
        electionDeadlineNanos = now.monotonicNanos() + timeout + random.nextLong(timeout);
    }

    // ---------------------------------------------------------------- bookkeeping around every input

    private void begin(ClockReading now) {
        if (!started) {
            started = true;
            acceptor.fenceAfterRestart(now.monotonicNanos());
            resetElectionTimer(now);
        }
    }

    private void end(ClockReading now) {
        Ballot own = ownBallot();
        if (own != null && acceptor.promised().isAbove(own)) {
            stepDown(now, "promised " + acceptor.promised());
        }
        if (leader != null) {
            leader.forgetChosen();
        }
        answerClients();
        checkInvariants();
    }

    /** Answers the clients whose slots executed: with the result if their command is the one chosen, else info. */
    private void answerClients() {
        for (Learner.Execution execution : learner.drainExecutions()) {
            Waiting client = waiting.remove(execution.slot());
            if (client == null) {
                continue;
            }
            KvReply result = execution.result();
            ready.reply(client.requestId(), client.command().equals(execution.command())
                    ? new KvReply(result.outcome(), result.value(), result.error(), null, Map.of("slot", execution.slot()))
                    : KvReply.info(KvErrors.LEADERSHIP_LOST));
        }
        for (Iterator<Map.Entry<Long, Waiting>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Waiting> entry = it.next();
            if (entry.getKey() <= learner.executedSlot()) {
                // Skipped by a snapshot install (or past a gap): this node cannot tell what happened.
                ready.reply(entry.getValue().requestId(), KvReply.info(KvErrors.LEADERSHIP_LOST));
                it.remove();
            }
        }
    }

    private void checkInvariants() {
        acceptor.checkInvariants();
        learner.checkInvariants();
        if (leader != null) {
            leader.checkInvariants();
        }
        if (leader != null && candidate != null) {
            throw new IllegalStateException(self + ": both leader of " + leader.ballot() + " and candidate of "
                    + candidate.ballot());
        }
        if (highestRoundSeen < acceptor.promised().round()) {
            throw new IllegalStateException(self + ": highest round seen " + highestRoundSeen + " below the promise "
                    + acceptor.promised());
        }
        if (leader == null && !waiting.isEmpty()) {
            throw new IllegalStateException(self + ": " + waiting.size() + " clients waiting on a node that does not lead");
        }
    }

    // ---------------------------------------------------------------- inspection

    @Override
    public NodeStatus status() {
        String role = leader != null ? "leader" : candidate != null ? "candidate" : "follower";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("promised", acceptor.promised().toString());
        extra.put("snapshotSlot", learner.snapshotSlot());
        extra.put("inFlight", leader == null ? 0L : (long) leader.inFlightCount());
        return new NodeStatus(role, acceptor.promised().round(), leaderHint, learner.chosenThroughSlot(),
                learner.executedSlot(), acceptor.acceptedCount(), extra);
    }

    Acceptor acceptor() {
        return acceptor;
    }

    Learner learner() {
        return learner;
    }

    boolean isLeader() {
        return leader != null;
    }

    Ballot leaderBallot() {
        return leader == null ? null : leader.ballot();
    }
}
