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
 * rounds: new edges from each of the session's reads (for each session q, q's last write of the
 * key inside the read's HB past, as in {@link RegisterCausality}), then the clocks of CO plus the
 * derived edges, until no edge is new. The clocks of a round cover only the nodes the session asks
 * about ({@link CausalSummary}, {@link HappensBeforeClocks}), so a round costs O(k × g × (log k + w)) for its k reads,
 * their writes and the derived edges' ends in g sessions, w the sessions that write a key the
 * session reads, instead of a pass over the whole causal graph. The rounds per session are few in
 * practice but not bounded by a constant.
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
        long rounds = 0;
        long edges = 0;
        for (int session = 0; session < sessions.count(); session++) {
            Serialization serialization = new Serialization(session, writersOfKeysRead(session));
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
        final List<Step> derived = new ArrayList<>();
        /** The clocks of CO plus {@link #derived}; null while there is no derived edge (CO's clocks serve). */
        HappensBeforeClocks clocks;
        long rounds;

        Serialization(int session, int[] columns) {
            this.session = session;
            this.columns = columns;
        }

        void run() {
            while (deriveEdges()) {
                BudgetExhausted.poll(context, "in causal-memory round " + (rounds + 1) + " of "
                        + sessions.label(session) + " (session " + (session + 1) + " of " + sessions.count() + ")");
                rounds++;
                clocks = HappensBeforeClocks.of(CausalSummary.of(askedAbout(), derived, past.clocks, sessions), past.clocks,
                        sessions, columns);
                if (clocks == null) {
                    List<Step> cycle = Cycles.witnesses(graph(), 1, Relation.HAPPENS_BEFORE).get(0);
                    log.add(CausalPatterns.CYCLIC_HB, () -> cyclicHb(cycle));
                    return;
                }
            }
            checkInitialReads();
        }

        /** The nodes whose clocks the rounds ask for: the session's reads, their writes, the derived edges' ends. */
        private int[] askedAbout() {
            List<Integer> nodes = new ArrayList<>();
            for (int read : sessions.members(session)) {
                if (ops.kind(read) == OpKind.READ) {
                    nodes.add(read);
                    if (history.readsFrom(read) >= 0) {
                        nodes.add(history.readsFrom(read));
                    }
                }
            }
            derived.forEach(step -> nodes.add(step.from()));
            return nodes.stream().mapToInt(Integer::intValue).toArray();
        }

        private int clock(int node, int writer) {
            return clocks == null ? past.clocks.get(node, writer) : clocks.get(node, writer);
        }

        private boolean happensBefore(int earlier, int later) {
            return clocks == null ? past.clocks.contains(later, earlier) : clocks.contains(later, earlier);
        }

        /** CO plus the derived edges as one graph, for witnesses only. */
        private Digraph graph() {
            Digraph.Builder builder = past.graph.toBuilder();
            for (Step step : derived) {
                builder.add(step.from(), step.to(), Relation.HAPPENS_BEFORE, step.cause());
            }
            return builder.build();
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
                    int earlier = writes.lastAtOrBefore(key, writer, clock(read, writer));
                    if (earlier >= 0 && earlier != source && !happensBefore(earlier, source)
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
                    if (happensBefore(write, read)) {
                        log.add(CausalPatterns.WRITE_HB_INIT_READ,
                                () -> writeHbInitRead(ShortestPaths.path(graph(), write, read, node -> true), write, read));
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
