package dev.faultline.target.paxos;

import dev.faultline.target.common.sim.Simulation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Paxos's safety properties, checked against every node after every simulated step (the
 * simulator's invariant): <b>at most one value is chosen per slot</b> (no slot ever sees a
 * majority of acceptors holding one value in one ballot and, at any time, a majority holding
 * another), <b>learners agree</b> (no two learners ever learn different values for one slot),
 * and <b>every learner executes the same sequence</b> (each executed slot is one the node had
 * learned, with the agreed value). Throws {@link AssertionError} naming the slot, values and nodes.
 *
 * <p>Cost is kept to the recent slots: acceptors are scanned above the slot every live node has
 * executed, learners from where this oracle last looked at each.
 */
final class PaxosOracle {
    /** The first value seen chosen (by a majority of acceptors) or learned per slot, and who showed it. */
    private record Decided(Command command, String evidence) {}

    private final Map<Long, Decided> decided = new HashMap<>();
    private final Map<String, PaxosCore> lastCore = new HashMap<>();
    private final Map<String, Long> learnedCheckedThrough = new HashMap<>();
    private final Map<String, Long> executedCheckedThrough = new HashMap<>();

    void check(Simulation<PaxosMessage, PaxosRecord> sim) {
        long floor = Long.MAX_VALUE;
        for (String node : sim.nodes()) {
            PaxosCore core = sim.isUp(node) ? sim.core(node, PaxosCore.class) : null;
            if (core != null) {
                checkLearner(node, core);
                floor = Math.min(floor, core.learner().executedSlot());
            }
        }
        checkAcceptors(sim, floor == Long.MAX_VALUE ? 0 : floor);
    }

    private void checkLearner(String node, PaxosCore core) {
        Learner learner = core.learner();
        if (lastCore.put(node, core) != core) {
            // A restarted core: it re-learns and re-executes from its recovered state.
            learnedCheckedThrough.put(node, learner.snapshotSlot());
            executedCheckedThrough.put(node, learner.snapshotSlot());
        }
        long snapshot = learner.snapshotSlot();
        long learnedFrom = Math.max(learnedCheckedThrough.get(node), snapshot);
        for (long slot = learnedFrom + 1; slot <= learner.chosenThroughSlot(); slot++) {
            agree(slot, learner.chosen(slot), node + " learned");
        }
        learnedCheckedThrough.put(node, Math.max(learnedFrom, learner.chosenThroughSlot()));
        long executedFrom = Math.max(executedCheckedThrough.get(node), snapshot);
        for (long slot = executedFrom + 1; slot <= learner.executedSlot(); slot++) {
            Command command = learner.chosen(slot);
            if (command == null) {
                throw new AssertionError(node + " executed slot " + slot + " without having learned it (executed through "
                        + learner.executedSlot() + ", chosen through " + learner.chosenThroughSlot() + ")");
            }
            agree(slot, command, node + " executed");
        }
        executedCheckedThrough.put(node, Math.max(executedFrom, learner.executedSlot()));
    }

    /** Finds every (slot, ballot, value) a majority of live acceptors hold above {@code floor}. */
    private void checkAcceptors(Simulation<PaxosMessage, PaxosRecord> sim, long floor) {
        int majority = sim.nodes().size() / 2 + 1;
        Map<AcceptedValue, Integer> holders = new HashMap<>();
        for (String node : sim.nodes()) {
            if (sim.isUp(node)) {
                List<AcceptedValue> accepted = sim.core(node, PaxosCore.class).acceptor().acceptedAbove(floor);
                for (AcceptedValue value : accepted) {
                    if (holders.merge(value, 1, Integer::sum) == majority) {
                        agree(value.slot(), value.command(), "a majority accepted in " + value.ballot());
                    }
                }
            }
        }
    }

    private void agree(long slot, Command command, String evidence) {
        Decided first = decided.putIfAbsent(slot, new Decided(command, evidence));
        if (first != null && !Objects.equals(first.command(), command)) {
            throw new AssertionError("slot " + slot + " has two values: " + first.command() + " (" + first.evidence()
                    + ") and " + command + " (" + evidence + ")");
        }
    }

    int decidedSlots() {
        return decided.size();
    }
}
