package dev.faultline.target.paxos;

import dev.faultline.target.common.core.Ready;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The acceptor role ("Paxos Made Simple" §2.2): remembers the highest ballot it promised and,
 * per slot, the value it accepted with its ballot; answers prepares with promises and accepts
 * with accepted messages, each only once its state is durable (the reply goes out after the
 * fsync, {@link Ready.Builder#sendAfterPersist}).
 *
 * <p>With the read lease on, it also refuses prepares from other proposers while it follows a
 * live leader: for one election timeout after each message from that leader (a <em>grant</em>),
 * and for one election timeout after a restart (it forgot its grants). That is what the leader's
 * lease relies on. Without the lease a higher ballot always wins, as in the paper: leaders can
 * be displaced by a node that cannot hear them (a bridge partition makes two nodes take turns),
 * which costs some availability but never safety.
 */
final class Acceptor {
    private final String self;
    private final PaxosConfig config;
    private final Ready.Builder<PaxosMessage, PaxosRecord> ready;
    private final NavigableMap<Long, AcceptedValue> accepted = new TreeMap<>();
    private Ballot promised = Ballot.ZERO;
    /** The highest ballot of any value accepted since start, to check it never passes the promise. */
    private Ballot highestAcceptedBallot = Ballot.ZERO;
    private long compactedThroughSlot;
    private String grantHolder;
    private long grantUntilNanos = Long.MIN_VALUE;
    private long fenceUntilNanos = Long.MIN_VALUE;

    Acceptor(String self, PaxosConfig config, Ready.Builder<PaxosMessage, PaxosRecord> ready) {
        this.self = self;
        this.config = config;
        this.ready = ready;
    }

    // ---------------------------------------------------------------- phase 1

    /**
     * Phase 1b. Promises {@code prepare.ballot()} if it is not below the promise already made
     * (an equal ballot is the same proposer asking again) and no live leader holds a grant.
     *
     * @return the promise or the rejection to send back once persisted
     */
    PaxosMessage onPrepare(long nowNanos, String from, PaxosMessage.Prepare prepare) {
        if (prepare.ballot().isBelow(promised) || refuses(from, nowNanos)) {
            return new PaxosMessage.Reject(prepare.ballot(), promised);
        }
        promise(prepare.ballot());
        return new PaxosMessage.Promise(prepare.ballot(), compactedThroughSlot, acceptedFrom(prepare.fromSlot()));
    }

    private void promise(Ballot ballot) {
        if (ballot.isAbove(promised)) {
            promised = ballot;
            ready.persist(new PaxosRecord.Promised(ballot));
            syncUnlessPlanted();
        }
    }

    /** Whether a prepare from {@code candidate} must wait: another node's grant or the restart fence is in force. */
    boolean refuses(String candidate, long nowNanos) {
        if (!config.readLease()) {
            return false;
        }
        boolean granted = grantHolder != null && !grantHolder.equals(candidate) && nowNanos < grantUntilNanos;
        return granted || nowNanos < fenceUntilNanos;
    }

    /** The node's own proposer asks first of all its own acceptor. */
    PaxosMessage.Promise promiseSelf(Ballot ballot, long fromSlot) {
        if (!ballot.isAbove(promised)) {
            throw new IllegalStateException("own ballot " + ballot + " is not above the promise " + promised);
        }
        promise(ballot);
        return new PaxosMessage.Promise(ballot, compactedThroughSlot, acceptedFrom(fromSlot));
    }

    private List<AcceptedValue> acceptedFrom(long fromSlot) {
        return acceptedAbove(fromSlot - 1);
    }

    // ---------------------------------------------------------------- phase 2

    /**
     * Phase 2b: accepts every proposal of {@code accept} unless its ballot is below the promise.
     *
     * @return the accepted or rejection message to send back once persisted
     */
    PaxosMessage onAccept(PaxosMessage.Accept accept) {
        if (!admitsPhaseTwo(accept.ballot())) {
            return new PaxosMessage.Reject(accept.ballot(), promised);
        }
        List<Long> slots = new ArrayList<>(accept.proposals().size());
        for (Proposal proposal : accept.proposals()) {
            if (proposal.slot() > compactedThroughSlot) {
                accept(accept.ballot(), proposal);
                slots.add(proposal.slot());
            }
        }
        return new PaxosMessage.Accepted(accept.ballot(), slots);
    }

    /**
     * Whether a phase-2 message of {@code ballot} (an accept, or a heartbeat: an accept without
     * proposals) may be taken: only if its ballot is not below the promise (§2.2: "an acceptor can
     * accept a proposal numbered n iff it has not responded to a prepare request having a number
     * greater than n").
     */
    boolean admitsPhaseTwo(Ballot ballot) {
        // Planted bug accept-lower-ballot: the one check every acceptor must make, skipped.
        return !ballot.isBelow(promised) || config.has(PaxosBug.ACCEPT_LOWER_BALLOT);
    }

    /** Accepts one proposal in {@code ballot} (which it may raise the promise to) and persists it. */
    void accept(Ballot ballot, Proposal proposal) {
        AcceptedValue value = new AcceptedValue(proposal.slot(), ballot, proposal.command());
        if (ballot.isAbove(promised)) {
            promised = ballot;
        }
        if (ballot.isAbove(highestAcceptedBallot)) {
            highestAcceptedBallot = ballot;
        }
        accepted.put(proposal.slot(), value);
        ready.persist(new PaxosRecord.Accepted(value));
        syncUnlessPlanted();
    }

    private void syncUnlessPlanted() {
        // Planted bug acceptor-no-fsync: the record is written, but the reply does not wait for the disk.
        if (!config.has(PaxosBug.ACCEPTOR_NO_FSYNC)) {
            ready.sync();
        }
    }

    // ---------------------------------------------------------------- leader grants

    /** {@code leader} was heard at {@code nowNanos}: with the lease on, refuse other proposers for one election timeout. */
    void grant(String leader, long nowNanos) {
        grantHolder = leader;
        grantUntilNanos = nowNanos + config.electionTimeoutNanos();
    }

    /** After a restart, refuse every prepare for one election timeout (with the lease on): grants made before were forgotten. */
    void fenceAfterRestart(long nowNanos) {
        fenceUntilNanos = nowNanos + config.electionTimeoutNanos();
    }

    /** When the grant or fence that keeps {@code candidate} waiting ends. */
    long refusalEndsNanos() {
        return Math.max(grantUntilNanos, fenceUntilNanos);
    }

    // ---------------------------------------------------------------- compaction and recovery

    /** Forgets accepted values up to {@code slot}: they are chosen and executed into a snapshot. */
    void compact(long slot) {
        if (slot > compactedThroughSlot) {
            accepted.headMap(slot, true).clear();
            compactedThroughSlot = slot;
        }
    }

    void restore(PaxosRecord record) {
        if (record instanceof PaxosRecord.Promised r && r.ballot().isAbove(promised)) {
            promised = r.ballot();
        } else if (record instanceof PaxosRecord.Accepted r && r.value().slot() > compactedThroughSlot) {
            accepted.put(r.value().slot(), r.value());
            if (r.value().ballot().isAbove(promised)) {
                promised = r.value().ballot();
            }
        } else if (record instanceof PaxosRecord.Snapshot r) {
            promised = r.promised();
            compactedThroughSlot = r.slot();
            accepted.clear();
            r.accepted().forEach(value -> accepted.put(value.slot(), value));
        }
    }

    // ---------------------------------------------------------------- state, for the core and tests

    Ballot promised() {
        return promised;
    }

    long compactedThroughSlot() {
        return compactedThroughSlot;
    }

    AcceptedValue accepted(long slot) {
        return accepted.get(slot);
    }

    /** The accepted values held for slots above {@code slot}, in slot order. */
    List<AcceptedValue> acceptedAbove(long slot) {
        return new ArrayList<>(accepted.tailMap(slot, false).values());
    }

    /** Every accepted value held (above the compaction point), in slot order. */
    List<AcceptedValue> acceptedValues() {
        return new ArrayList<>(accepted.values());
    }

    int acceptedCount() {
        return accepted.size();
    }

    /** Always-on structural checks. */
    void checkInvariants() {
        if (!accepted.isEmpty() && accepted.firstKey() <= compactedThroughSlot) {
            throw new IllegalStateException(self + ": accepted slot " + accepted.firstKey()
                    + " at or below the compaction point " + compactedThroughSlot);
        }
        if (highestAcceptedBallot.isAbove(promised)) {
            throw new IllegalStateException(self + ": accepted a value in ballot " + highestAcceptedBallot
                    + " above the promise " + promised);
        }
    }
}
