package dev.faultline.target.paxos;

import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The learner role and the state machine ("Paxos Made Simple" §3): learns which value each slot
 * chose, and executes chosen commands in slot order, never past a slot it has not learned yet
 * ("server ... cannot execute command 139 ... until it learns the command chosen for 138").
 *
 * <p>Learned values are persisted without an fsync: a chosen value can always be learned again.
 * Every {@link PaxosConfig#snapshotEverySlots()} executed slots the executed prefix is compacted
 * into a snapshot of the state machine ({@link #compactionDue()}, {@link #compact()}).
 */
final class Learner {
    /**
     * One executed slot, kept until the core collects it ({@link #drainExecutions()}) to answer
     * the client that proposed it.
     *
     * @param result the state machine's answer, null for a no-op
     */
    record Execution(long slot, Command command, KvReply result) {}

    private final String self;
    private final PaxosConfig config;
    private final Ready.Builder<PaxosMessage, PaxosRecord> ready;
    private final List<Execution> executions = new ArrayList<>();
    private final KvStore store = new KvStore();
    /** Chosen values above the snapshot: executed ones kept for lagging peers, and any learned out of order. */
    private final NavigableMap<Long, Command> chosen = new TreeMap<>();
    private long snapshotSlot;
    private long chosenThroughSlot;
    private long executedSlot;

    Learner(String self, PaxosConfig config, Ready.Builder<PaxosMessage, PaxosRecord> ready) {
        this.self = self;
        this.config = config;
        this.ready = ready;
    }

    /**
     * Learns that {@code proposal} was chosen, persists it, and executes whatever that unblocks.
     *
     * @return whether it was news
     */
    boolean learn(Proposal proposal) {
        long slot = proposal.slot();
        if (slot <= snapshotSlot) {
            return false;
        }
        Command known = chosen.get(slot);
        if (known != null) {
            if (!known.equals(proposal.command()) && config.strictInvariants()) {
                throw new IllegalStateException(self + ": slot " + slot + " chose " + known + ", now learned "
                        + proposal.command());
            }
            return false;
        }
        // Below the executed slot only after executing past a gap (planted bug): recorded, never executed.
        chosen.put(slot, proposal.command());
        ready.persist(new PaxosRecord.Chosen(proposal));
        advanceChosenThrough();
        execute();
        return true;
    }

    private void advanceChosenThrough() {
        while (chosen.containsKey(chosenThroughSlot + 1)) {
            chosenThroughSlot++;
        }
    }

    private void execute() {
        long until = config.has(PaxosBug.EXECUTE_PAST_GAP) && !chosen.isEmpty() ? chosen.lastKey() : chosenThroughSlot;
        while (executedSlot < until) {
            // Planted bug execute-past-gap: the next chosen slot, whether or not the slots before it are known.
            Map.Entry<Long, Command> next = chosen.higherEntry(executedSlot);
            if (!config.has(PaxosBug.EXECUTE_PAST_GAP) && next.getKey() != executedSlot + 1) {
                throw new IllegalStateException(self + ": slot " + (executedSlot + 1) + " is not chosen yet");
            }
            executedSlot = next.getKey();
            KvReply result = next.getValue() instanceof Command.Client client ? store.apply(client.request()) : null;
            executions.add(new Execution(executedSlot, next.getValue(), result));
        }
    }

    /**
     * Takes over another node's state machine after {@code slot}, when this one is behind that
     * node's compaction. The slots it skips produce no {@link Execution}.
     */
    boolean install(long slot, Map<Object, Object> data) {
        if (slot <= executedSlot) {
            return false;
        }
        store.restore(data);
        executedSlot = slot;
        chosenThroughSlot = Math.max(chosenThroughSlot, slot);
        chosen.headMap(slot, true).clear();
        advanceChosenThrough();
        snapshotSlot = slot;
        execute();
        return true;
    }

    /** The slots executed since the last call, in order. */
    List<Execution> drainExecutions() {
        if (executions.isEmpty()) {
            return List.of();
        }
        List<Execution> drained = List.copyOf(executions);
        executions.clear();
        return drained;
    }

    /** Whether enough slots executed since the last snapshot to take one. */
    boolean compactionDue() {
        return executedSlot - snapshotSlot >= config.snapshotEverySlots();
    }

    /** Forgets chosen values up to the executed slot, which the next snapshot covers. */
    void compact() {
        chosen.headMap(executedSlot, true).clear();
        snapshotSlot = executedSlot;
        chosenThroughSlot = Math.max(chosenThroughSlot, executedSlot); // differs only after executing past a gap
        advanceChosenThrough();
    }

    /** Chosen values from {@code fromSlot} on, at most {@code count}, for a lagging peer. */
    List<Proposal> chosenFrom(long fromSlot, int count) {
        List<Proposal> values = new ArrayList<>(Math.min(count, chosen.size()));
        for (Map.Entry<Long, Command> entry : chosen.tailMap(fromSlot, true).entrySet()) {
            if (values.size() == count || entry.getKey() > chosenThroughSlot) {
                break;
            }
            values.add(new Proposal(entry.getKey(), entry.getValue()));
        }
        return values;
    }

    void restore(PaxosRecord record) {
        if (record instanceof PaxosRecord.Chosen r && r.proposal().slot() > snapshotSlot) {
            chosen.putIfAbsent(r.proposal().slot(), r.proposal().command());
        } else if (record instanceof PaxosRecord.Snapshot r) {
            store.restore(r.data());
            snapshotSlot = r.slot();
            executedSlot = r.slot();
            chosenThroughSlot = r.slot();
            chosen.clear();
            r.chosen().forEach(proposal -> chosen.put(proposal.slot(), proposal.command()));
        }
    }

    /** After recovery: executes the chosen prefix the records describe. */
    void resume() {
        advanceChosenThrough();
        execute();
    }

    // ---------------------------------------------------------------- state

    Command chosen(long slot) {
        return chosen.get(slot);
    }

    /** Chosen values held above the snapshot, in slot order. */
    List<Proposal> chosenValues() {
        return chosenFrom(snapshotSlot + 1, Integer.MAX_VALUE);
    }

    /** Every slot up to this one is known chosen. */
    long chosenThroughSlot() {
        return chosenThroughSlot;
    }

    long executedSlot() {
        return executedSlot;
    }

    long snapshotSlot() {
        return snapshotSlot;
    }

    Map<Object, Object> data() {
        return store.snapshot();
    }

    Object read(Object key) {
        return store.get(key);
    }

    /** Always-on checks; the ordering one only when the protocol's own promises are asserted. */
    void checkInvariants() {
        if (snapshotSlot > executedSlot) {
            throw new IllegalStateException(self + ": snapshot slot " + snapshotSlot + " beyond executed " + executedSlot);
        }
        if (config.strictInvariants() && executedSlot != chosenThroughSlot) {
            throw new IllegalStateException(self + ": executed through " + executedSlot + " but chosen through "
                    + chosenThroughSlot);
        }
        if (!chosen.isEmpty() && chosen.firstKey() <= snapshotSlot) {
            throw new IllegalStateException(self + ": chosen slot " + chosen.firstKey() + " at or below the snapshot "
                    + snapshotSlot);
        }
    }
}
