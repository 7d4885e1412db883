package dev.faultline.checker.causal;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.BudgetExhausted;
import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.RegisterHistory;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.checker.graph.ShortestPaths;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.UpdateChains;
import dev.faultline.checker.graph.VectorClocks;
import dev.faultline.checker.graph.Witness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The causal-memory patterns, WriteHBInitRead and CyclicHB, on a register history.
 *
 * <p>For an operation o, HB_o is the least transitive relation that holds CO restricted to o's
 * causal past and orders w1 before w2 whenever both write one key, a read r2 of o's session (o
 * itself or before it) returned w2, and w1 HB_o r2. HB_o only grows along program order, so each
 * session's last operation decides for the whole session. Per session the fixpoint is computed in
 * rounds: vector clocks over CO plus the derived edges, then new edges from each of the session's
 * reads (for each session q, q's last write of the key inside the read's HB past, as in
 * {@link RegisterCausality}), until no edge is new. A round costs O((n + m) × w), w the
 * sessions that write a key the session reads; the rounds per session are few in practice but
 * not bounded by a constant.
 */
final class CausalMemory {
    private final RegisterHistory history;
    private final ObservedOps ops;
    private final Sessions sessions;
    private final CausalPast past;
    private final UpdateChains writes;
    private final AnomalyLog log;
    private final CheckContext context;
    private final Map<String, Object> stats;

    CausalMemory(RegisterHistory history, CausalPast past, UpdateChains writes, AnomalyLog log,
            CheckContext context, Map<String, Object> stats) {
        this.history = history;
        this.ops = history.ops();
        this.sessions = ops.sessions();
        this.past = past;
        this.writes = writes;
        this.log = log;
        this.context = context;
        this.stats = stats;
    }

    void check() {
        int[][] columns = new int[sessions.count()][];
        int widest = 0;
        for (int session = 0; session < sessions.count(); session++) {
            columns[session] = writersOfKeysRead(session);
            widest = Math.max(widest, columns[session].length);
        }
        BudgetExhausted.reserve(context, VectorClocks.bytesFor(ops.size(), widest),
                "happens-before clocks of " + ops.size() + " operations × " + widest + " sessions");
        int[] buffer = new int[ops.size() * widest];
        long rounds = 0;
        long edges = 0;
        for (int session = 0; session < sessions.count(); session++) {
            Serialization serialization = new Serialization(session, columns[session], buffer);
            serialization.run();
            rounds += serialization.rounds;
            edges += serialization.derived.size();
        }
        stats.put("happensBeforeRounds", rounds);
        stats.put("happensBeforeEdges", edges);
    }

    /**
     * The sessions whose clock entries a session's rounds read: those that write a key the session
     * reads. Entries are computed independently, so tracking only these is exact, and with keys
     * that come and go it is a few dozen where a history has a thousand sessions.
     */
    private int[] writersOfKeysRead(int session) {
        Set<Integer> writers = new TreeSet<>();
        for (int node : sessions.members(session)) {
            if (ops.kind(node) == OpKind.READ) {
                for (int writer : writes.sessionsUpdating(ops.keyId(node))) {
                    writers.add(writer);
                }
            }
        }
        return writers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The fixpoint of HB for one session's last operation. */
    private final class Serialization {
        final int session;
        final int[] columns;
        final int[] buffer;
        final List<Step> derived = new ArrayList<>();
        Digraph graph = past.graph;
        VectorClocks clocks = past.clocks;
        long rounds;

        Serialization(int session, int[] columns, int[] buffer) {
            this.session = session;
            this.columns = columns;
            this.buffer = buffer;
        }

        void run() {
            while (deriveEdges()) {
                BudgetExhausted.poll(context, "in causal-memory round " + (rounds + 1) + " of "
                        + sessions.label(session) + " (session " + (session + 1) + " of " + sessions.count() + ")");
                Digraph.Builder builder = past.graph.toBuilder();
                for (Step step : derived) {
                    builder.add(step.from(), step.to(), Relation.HAPPENS_BEFORE, step.cause());
                }
                graph = builder.build();
                rounds++;
                int[] order = Cycles.topologicalOrder(graph);
                if (order == null) {
                    List<Step> cycle = Cycles.witnesses(graph, 1, Relation.HAPPENS_BEFORE).get(0);
                    log.add(CausalPatterns.CYCLIC_HB, () -> cyclicHb(cycle));
                    return;
                }
                clocks = VectorClocks.compute(graph, order, sessions, columns, buffer);
            }
            checkInitialReads();
        }

        /** Adds the edges the current clocks imply; false when none is new. */
        private boolean deriveEdges() {
            Set<Long> added = new HashSet<>();
            for (int read : sessions.members(session)) {
                int source = ops.kind(read) == OpKind.READ ? history.readsFrom(read) : -1;
                if (source < 0) {
                    continue;
                }
                int key = ops.keyId(read);
                for (int writer : writes.sessionsUpdating(key)) {
                    int earlier = writes.lastAtOrBefore(key, writer, clocks.get(read, writer));
                    if (earlier >= 0 && earlier != source && !clocks.contains(source, earlier)
                            && added.add(((long) earlier << 32) | source)) {
                        derived.add(new Step(earlier, source, Relation.HAPPENS_BEFORE, read));
                    }
                }
            }
            return !added.isEmpty();
        }

        private void checkInitialReads() {
            for (int read : sessions.members(session)) {
                if (ops.kind(read) != OpKind.READ || history.readsFrom(read) != RegisterHistory.INITIAL) {
                    continue;
                }
                int key = ops.keyId(read);
                for (int writer : writes.sessionsUpdating(key)) {
                    int write = writes.chain(key, writer)[0];
                    if (clocks.contains(read, write)) {
                        List<Step> steps = ShortestPaths.path(graph, write, read, node -> true);
                        log.add(CausalPatterns.WRITE_HB_INIT_READ, () -> writeHbInitRead(steps, write, read));
                        break;
                    }
                }
            }
        }

        private Anomaly writeHbInitRead(List<Step> steps, int write, int read) {
            return CausalPast.initialRead(ops, CausalPatterns.WRITE_HB_INIT_READ, steps, this::clause, write, read,
                    "its own serialization must put " + ops.object(write) + " before that read",
                    data(CausalPatterns.WRITE_HB_INIT_READ, steps));
        }

        private Anomaly cyclicHb(List<Step> cycle) {
            String text = Witness.text(ops, cycle, this::clause) + ": a cycle, so no single serialization explains every read of "
                    + sessions.label(session);
            return new Anomaly(CausalPatterns.CYCLIC_HB, text, Witness.opIndices(ops, cycle), data(CausalPatterns.CYCLIC_HB, cycle));
        }

        /** A derived happens-before step in words. */
        private String clause(Step step) {
            return ops.actor(step.cause()) + " read " + ops.object(step.cause()) + " after " + ops.object(step.from())
                    + " happened before that read (so " + ops.object(step.from()) + " precedes " + ops.object(step.to())
                    + " in " + sessions.label(session) + "'s serialization)";
        }

        private Map<String, Object> data(String pattern, List<Step> steps) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("pattern", pattern);
            data.put("consistency", CausalModel.CM.wireName());
            data.put("session", sessions.label(session));
            data.put("steps", Witness.data(ops, steps));
            return data;
        }
    }
}
