package dev.faultline.target.paxos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A proposer in phase 1 ("Paxos Made Simple" §3: a new leader "executes phase 1 of instances
 * 135–∞"): one prepare for every slot from its first unchosen one, promises collected until a
 * majority answered. From those promises it works out what to propose in each slot of its window:
 * the value with the highest ballot any promise reported, or a no-op where none did.
 */
final class Candidate {
    private final Ballot ballot;
    private final long fromSlot;
    private final int majority;
    private final PaxosConfig config;
    private final Map<String, PaxosMessage.Promise> promises = new LinkedHashMap<>();
    private long lastPrepareNanos;

    Candidate(Ballot ballot, long fromSlot, int majority, PaxosConfig config, long nowNanos) {
        this.ballot = ballot;
        this.fromSlot = fromSlot;
        this.majority = majority;
        this.config = config;
        this.lastPrepareNanos = nowNanos;
    }

    Ballot ballot() {
        return ballot;
    }

    PaxosMessage.Prepare prepare() {
        return new PaxosMessage.Prepare(ballot, fromSlot);
    }

    /** Records {@code promise} from {@code node} (itself included); a duplicate replaces the earlier copy. */
    void onPromise(String node, PaxosMessage.Promise promise) {
        if (!promise.ballot().equals(ballot)) {
            throw new IllegalArgumentException("promise for " + promise.ballot() + " reached the candidate of " + ballot);
        }
        promises.put(node, promise);
    }

    boolean hasMajority() {
        return promises.size() >= majority;
    }

    /**
     * Whether some acceptor has compacted slots this candidate has not learned: it lacks chosen
     * values it could no longer recover from promises, so it must not lead before catching up.
     */
    boolean isBehindCompaction() {
        return promises.values().stream().anyMatch(promise -> promise.compactedThroughSlot() >= fromSlot);
    }

    /** The nodes that have not promised yet, for retransmission. */
    List<String> missing(List<String> peers) {
        return peers.stream().filter(peer -> !promises.containsKey(peer)).toList();
    }

    /** Whether a heartbeat interval passed since the prepares last went out; if so, counts them as sent again now. */
    boolean retransmitDue(long nowNanos) {
        if (nowNanos - lastPrepareNanos < config.heartbeatIntervalNanos()) {
            return false;
        }
        lastPrepareNanos = nowNanos;
        return true;
    }

    /**
     * What the new leader proposes in each slot of its window (from the first unchosen slot to
     * the highest one any promise reported): the highest-ballot value reported for the slot, or a
     * no-op where nothing was accepted ("fills the gaps", §3).
     */
    List<Proposal> window() {
        TreeMap<Long, AcceptedValue> highest = new TreeMap<>();
        for (PaxosMessage.Promise promise : promises.values()) {
            for (AcceptedValue value : promise.accepted()) {
                AcceptedValue known = highest.get(value.slot());
                if (value.slot() >= fromSlot && (known == null || value.ballot().isAbove(known.ballot()))) {
                    highest.put(value.slot(), value);
                }
            }
        }
        long lastSlot = highest.isEmpty() ? fromSlot - 1 : highest.lastKey();
        List<Proposal> window = new ArrayList<>();
        for (long slot = fromSlot; slot <= lastSlot; slot++) {
            AcceptedValue value = highest.get(slot);
            // Planted bug ignore-phase1-value: the leader's own value (a no-op) wherever phase 1 reported one.
            boolean useReported = value != null && !config.has(PaxosBug.IGNORE_PHASE1_VALUE);
            window.add(new Proposal(slot, useReported ? value.command() : Command.NOOP));
        }
        return window;
    }
}
