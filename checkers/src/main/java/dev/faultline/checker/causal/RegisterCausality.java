package dev.faultline.checker.causal;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.graph.BudgetExhausted;
import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.RegisterHistory;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.UnexplainedReads;
import dev.faultline.checker.graph.UpdateChains;
import dev.faultline.checker.graph.Witness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bad patterns of Bouajjani et al. (POPL 2017) on a differentiated register history, with
 * vector clocks over the causal order CO = (po ∪ rf)⁺:
 *
 * <ul>
 *   <li>CC: no ThinAirRead, CyclicCO, WriteCOInitRead or WriteCORead. For a read r of x and each
 *       session q, only q's last write of x inside r's past needs testing (q's earlier writes
 *       precede it in program order): O(sessions × log n) per read.
 *   <li>CCv: also no CyclicCF. For each read r of w1 and session q, q's last write w2 ≠ w1 of x in
 *       r's past must be arbitrated before w1 (edge w2 → w1); q's earlier writes reach w1 through
 *       w2, so this graph has the reachability of the full conflict relation.
 *   <li>CM: also no WriteHBInitRead or CyclicHB, by {@link CausalMemory}.
 * </ul>
 */
final class RegisterCausality extends CausalCheck {
    private final RegisterHistory history;

    RegisterCausality(RegisterHistory history, CausalModel model, CheckContext context) {
        super(history.ops(), model, context, "register");
        this.history = history;
    }

    @Override
    void check() {
        UnexplainedReads.log(history, log);
        CausalPast past = CausalPast.of(ops, history.causalOrder().build(), log, context);
        if (past == null) {
            return;
        }
        stats.put("causalPastMax", past.largestPast(ops.size()));
        UpdateChains writes = UpdateChains.of(ops);
        Digraph.Builder conflicts = model == CausalModel.CCV ? past.graph.toBuilder() : null;
        Set<Long> conflictEdges = new HashSet<>();
        long reads = 0;
        for (int node = 0; node < ops.size(); node++) {
            if (ops.kind(node) != OpKind.READ) {
                continue;
            }
            if (++reads % 4096 == 0) {
                BudgetExhausted.poll(context, "after " + reads + " reads");
            }
            int source = history.readsFrom(node);
            if (source == RegisterHistory.INITIAL) {
                checkInitialRead(past, writes, node);
            } else if (source >= 0) {
                checkRead(past, writes, node, source, conflicts, conflictEdges);
            }
        }
        stats.put("reads", reads);
        if (conflicts != null) {
            stats.put("conflictEdges", (long) conflictEdges.size());
            logConflictCycles(conflicts.build());
        }
        if (model == CausalModel.CM) {
            new CausalMemory(history, past, writes, log, context, stats).check();
        }
    }

    private void checkInitialRead(CausalPast past, UpdateChains writes, int read) {
        int key = ops.keyId(read);
        for (int session : writes.sessionsUpdating(key)) {
            int write = writes.chain(key, session)[0];
            if (past.clocks.contains(read, write)) {
                log.add(CausalPatterns.WRITE_CO_INIT_READ, () -> writeCoInitRead(past, write, read));
                return;
            }
        }
    }

    private void checkRead(CausalPast past, UpdateChains writes, int read, int source,
            Digraph.Builder conflicts, Set<Long> conflictEdges) {
        int key = ops.keyId(read);
        boolean reported = false;
        for (int session : writes.sessionsUpdating(key)) {
            int later = writes.lastAtOrBefore(key, session, past.clocks.get(read, session));
            if (later < 0 || later == source) {
                continue;
            }
            if (!reported && past.clocks.contains(later, source)) {
                reported = true;
                log.add(CausalPatterns.WRITE_CO_READ, () -> writeCoRead(past, source, later, read));
            }
            if (conflicts != null && conflictEdges.add(((long) later << 32) | source)) {
                conflicts.add(later, source, Relation.CONFLICT, read);
            }
        }
    }

    private void logConflictCycles(Digraph graph) {
        if (Cycles.topologicalOrder(graph) != null) {
            return;
        }
        for (List<Step> cycle : Cycles.witnesses(graph, Integer.MAX_VALUE, Relation.CONFLICT)) {
            log.add(CausalPatterns.CYCLIC_CF, () -> cyclicCf(cycle));
        }
    }

    private Anomaly writeCoInitRead(CausalPast past, int write, int read) {
        List<Step> steps = past.path(write, read);
        return CausalPast.initialRead(ops, CausalPatterns.WRITE_CO_INIT_READ, steps, this::clause, write, read,
                "the write of " + ops.object(write) + " was in its causal past", data(CausalPatterns.WRITE_CO_INIT_READ, steps));
    }

    private Anomaly writeCoRead(CausalPast past, int source, int later, int read) {
        List<Step> steps = new ArrayList<>(past.path(source, later));
        steps.addAll(past.path(later, read));
        String text = Witness.text(ops, steps, this::clause) + ": " + ops.actor(read) + " read " + ops.object(read)
                + " although " + ops.object(later) + ", written after it in causal order, was in its causal past";
        steps.add(new Step(source, read, Relation.READS_FROM, -1));
        Map<String, Object> data = data(CausalPatterns.WRITE_CO_READ, steps);
        data.put("read", (long) ops.opIndex(read));
        data.put("write", (long) ops.opIndex(source));
        data.put("overwrite", (long) ops.opIndex(later));
        return new Anomaly(CausalPatterns.WRITE_CO_READ, text, Witness.opIndices(ops, steps, source, later, read), data);
    }

    private Anomaly cyclicCf(List<Step> cycle) {
        String text = Witness.text(ops, cycle, this::clause)
                + ": causal order and conflicts form a cycle, so no single arbitration order explains every read";
        Map<String, Object> data = data(CausalPatterns.CYCLIC_CF, cycle);
        return new Anomaly(CausalPatterns.CYCLIC_CF, text, Witness.opIndices(ops, cycle), data);
    }

    /** A conflict step in words: the read that forced it and the order it forces. */
    private String clause(Step step) {
        return ops.actor(step.cause()) + " read " + ops.object(step.cause()) + " with " + ops.object(step.from())
                + " in its causal past (so " + ops.object(step.from()) + " is arbitrated before " + ops.object(step.to()) + ")";
    }
}
