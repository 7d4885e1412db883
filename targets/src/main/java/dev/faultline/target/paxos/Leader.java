package dev.faultline.target.paxos;

import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Ready;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A proposer that finished phase 1 and now runs only phase 2 for each new slot (Multi-Paxos's
 * phase-1 skip, "Paxos Made Simple" §3). It proposes, counts accepts per slot until a majority
 * accepted in its ballot (the value is then chosen, and the leader is the first learner to know),
 * retransmits accepts that got no answer, tells followers what is chosen (in accepts and
 * heartbeats), brings lagging ones up to date, and gives up when it stops hearing a majority.
 */
final class Leader {
    /** A slot proposed in this ballot and not yet chosen. */
    private static final class InFlight {
        final Command command;
        final Set<String> votes = new HashSet<>();
        long sentNanos;

        InFlight(Command command, long sentNanos) {
            this.command = command;
            this.sentNanos = sentNanos;
        }
    }

    /** What the leader knows about one follower. */
    private static final class Follower {
        long heardNanos;
        long catchUpSentNanos;

        Follower(long nowNanos, long heartbeatIntervalNanos) {
            this.heardNanos = nowNanos;
            this.catchUpSentNanos = nowNanos - heartbeatIntervalNanos;
        }
    }

    private final String self;
    private final Ballot ballot;
    private final PaxosConfig config;
    private final int majority;
    private final Ready.Builder<PaxosMessage, PaxosRecord> ready;
    private final Acceptor acceptor;
    private final Learner learner;
    private final LeaderLease lease;
    private final NavigableMap<Long, InFlight> inFlight = new TreeMap<>();
    private final Map<String, Follower> followers = new LinkedHashMap<>();
    /** Proposals made since the last {@link #flush}, sent to every follower in one accept. */
    private final List<Proposal> unsent = new ArrayList<>();
    /** Every slot of the phase-1 window; reads may use the lease only once all of them executed. */
    private final long windowEndSlot;
    private long nextSlot;
    private long nextHeartbeatNanos;
    /** What the latest heartbeat said was chosen. */
    private long heartbeatChosenThroughSlot;

    Leader(String self, Ballot ballot, List<String> peers, int majority, PaxosConfig config,
            Ready.Builder<PaxosMessage, PaxosRecord> ready, Acceptor acceptor, Learner learner, List<Proposal> window,
            long nowNanos) {
        this.self = self;
        this.ballot = ballot;
        this.config = config;
        this.majority = majority;
        this.ready = ready;
        this.acceptor = acceptor;
        this.learner = learner;
        this.lease = new LeaderLease(config, majority);
        for (String peer : peers) {
            followers.put(peer, new Follower(nowNanos, config.heartbeatIntervalNanos()));
        }
        // The learner may have learned more while phase 1 ran: slots it knows chosen need no proposal.
        long fromSlot = learner.chosenThroughSlot() + 1;
        this.windowEndSlot = window.isEmpty() ? fromSlot - 1 : Math.max(fromSlot - 1, window.get(window.size() - 1).slot());
        this.nextSlot = windowEndSlot + 1;
        this.nextHeartbeatNanos = nowNanos;
        for (Proposal proposal : window) {
            if (proposal.slot() >= fromSlot) {
                propose(proposal, nowNanos);
            }
        }
    }

    Ballot ballot() {
        return ballot;
    }

    /** Slots proposed and not yet chosen. */
    int inFlightCount() {
        return inFlight.size();
    }

    /** Proposes {@code command} in the next free slot and returns that slot. */
    long propose(Command command, long nowNanos) {
        // Never a slot already known chosen: with a planted bug a leader may learn past its own proposals.
        nextSlot = Math.max(nextSlot, learner.chosenThroughSlot() + 1);
        long slot = nextSlot++;
        propose(new Proposal(slot, command), nowNanos);
        return slot;
    }

    private void propose(Proposal proposal, long nowNanos) {
        InFlight slot = new InFlight(proposal.command(), nowNanos);
        inFlight.put(proposal.slot(), slot);
        acceptor.accept(ballot, proposal);
        unsent.add(proposal);
        vote(proposal.slot(), slot, self);
    }

    /** Phase 2b answers: a slot accepted by a majority in this ballot is chosen. */
    void onAccepted(long nowNanos, String from, PaxosMessage.Accepted accepted) {
        heard(from, nowNanos);
        for (long slot : accepted.slots()) {
            InFlight waiting = inFlight.get(slot);
            if (waiting != null) {
                vote(slot, waiting, from);
            }
        }
    }

    private void vote(long slot, InFlight waiting, String node) {
        waiting.votes.add(node);
        // Planted bug learn-without-majority: n/2 votes (the classic off-by-one) instead of n/2 + 1.
        int quorum = config.has(PaxosBug.LEARN_WITHOUT_MAJORITY) ? majority - 1 : majority;
        if (waiting.votes.size() >= quorum) {
            inFlight.remove(slot);
            learner.learn(new Proposal(slot, waiting.command));
        }
    }

    /** Stops tracking slots the learner knows chosen by other means (a learn, a snapshot, a compaction). */
    void forgetChosen() {
        while (!inFlight.isEmpty() && inFlight.firstKey() <= learner.chosenThroughSlot()) {
            inFlight.pollFirstEntry();
        }
    }

    /**
     * A follower answered a heartbeat. It learns from the heartbeat whatever it accepted in this
     * ballot, so if it is still behind what that heartbeat said was chosen it lacks values: send them.
     */
    void onHeartbeatAck(long nowNanos, String from, PaxosMessage.HeartbeatAck ack) {
        heard(from, nowNanos);
        lease.acknowledged(from, ack.leaseClockNanos());
        Follower follower = followers.get(from);
        if (follower != null && ack.executedSlot() < heartbeatChosenThroughSlot
                && nowNanos - follower.catchUpSentNanos >= config.heartbeatIntervalNanos()) {
            follower.catchUpSentNanos = nowNanos;
            catchUp(from, ack.executedSlot());
        }
    }

    private void heard(String from, long nowNanos) {
        Follower follower = followers.get(from);
        if (follower != null) {
            follower.heardNanos = nowNanos;
        }
    }

    /** Sends a lagging follower the chosen values it lacks, or the state machine if they were compacted away. */
    private void catchUp(String follower, long executedSlot) {
        if (executedSlot < learner.snapshotSlot()) {
            ready.send(follower, new PaxosMessage.InstallSnapshot(learner.executedSlot(), learner.data()));
        } else {
            ready.send(follower, new PaxosMessage.Learn(learner.chosenFrom(executedSlot + 1, config.batchSlotsMax())));
        }
    }

    /**
     * Heartbeats, retransmissions and the check that a majority still answers.
     *
     * @return false when the leader must step down: it has not heard a majority for
     *     {@link PaxosConfig#leaderQuorumTimeoutNanos()} and holds no read lease. A leader whose
     *     lease holds trusts it (no other proposer can finish phase 1 yet), as leases timed on the
     *     host clock do (hashicorp raft's LeaderLeaseTimeout); a correct lease is far shorter than
     *     the quorum timeout, but one timed on a wall clock set back keeps a deposed leader serving
     *     reads, which is what the lease-wallclock bug is about
     */
    boolean tick(ClockReading now) {
        long nowNanos = now.monotonicNanos();
        if (nowNanos >= nextHeartbeatNanos) {
            nextHeartbeatNanos = nowNanos + config.heartbeatIntervalNanos();
            heartbeat(now);
            retransmit(nowNanos);
        }
        int heard = 1;
        for (Follower follower : followers.values()) {
            if (nowNanos - follower.heardNanos < config.leaderQuorumTimeoutNanos()) {
                heard++;
            }
        }
        return heard >= majority || (config.readLease() && lease.holds(now));
    }

    private void heartbeat(ClockReading now) {
        long leaseClock = lease.clock(now);
        lease.acknowledged(self, leaseClock);
        acceptor.grant(self, now.monotonicNanos());
        heartbeatChosenThroughSlot = learner.chosenThroughSlot();
        PaxosMessage.Heartbeat heartbeat = new PaxosMessage.Heartbeat(ballot, heartbeatChosenThroughSlot, leaseClock);
        for (String follower : followers.keySet()) {
            ready.send(follower, heartbeat);
        }
    }

    /** Sends again, to the followers that did not accept them, proposals unanswered for a heartbeat interval. */
    private void retransmit(long nowNanos) {
        Map<String, List<Proposal>> resend = new HashMap<>();
        for (Map.Entry<Long, InFlight> entry : inFlight.entrySet()) {
            InFlight waiting = entry.getValue();
            if (nowNanos - waiting.sentNanos < config.heartbeatIntervalNanos()) {
                continue;
            }
            waiting.sentNanos = nowNanos;
            for (String follower : followers.keySet()) {
                List<Proposal> batch = resend.computeIfAbsent(follower, f -> new ArrayList<>());
                if (!waiting.votes.contains(follower) && batch.size() < config.batchSlotsMax()) {
                    batch.add(new Proposal(entry.getKey(), waiting.command));
                }
            }
        }
        resend.forEach((follower, proposals) -> {
            if (!proposals.isEmpty()) {
                ready.send(follower, new PaxosMessage.Accept(ballot, proposals, learner.chosenThroughSlot()));
            }
        });
    }

    /** Sends the proposals made since the last call to every follower, in batches. */
    void flush() {
        for (int from = 0; from < unsent.size(); from += config.batchSlotsMax()) {
            List<Proposal> batch = List.copyOf(unsent.subList(from, Math.min(unsent.size(), from + config.batchSlotsMax())));
            PaxosMessage.Accept accept = new PaxosMessage.Accept(ballot, batch, learner.chosenThroughSlot());
            for (String follower : followers.keySet()) {
                ready.send(follower, accept);
            }
        }
        unsent.clear();
    }

    /**
     * Whether a read may be answered from this node's state alone: the lease holds and every slot
     * an earlier leader may have chosen (the phase-1 window) has executed here.
     */
    boolean mayReadLocally(ClockReading now) {
        return config.readLease() && learner.executedSlot() >= windowEndSlot && lease.holds(now);
    }

    /** Always-on checks. */
    void checkInvariants() {
        if (!acceptor.promised().equals(ballot)) {
            throw new IllegalStateException(self + ": leads in " + ballot + " but its acceptor promised " + acceptor.promised());
        }
        if (!inFlight.isEmpty() && (inFlight.firstKey() <= learner.chosenThroughSlot() || inFlight.lastKey() >= nextSlot)) {
            throw new IllegalStateException(self + ": in-flight slots " + inFlight.firstKey() + ".." + inFlight.lastKey()
                    + " outside (" + learner.chosenThroughSlot() + ", " + nextSlot + ")");
        }
    }
}
