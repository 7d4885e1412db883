package dev.faultline.checker.session;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Verdict;
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
import dev.faultline.checker.graph.UnexplainedReads;
import dev.faultline.checker.graph.Witness;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Session guarantees on a differentiated register history, black-box: the store is assumed to
 * keep one write order per key (LWW timestamps, a log index), and a read returns the last write
 * in that order among those visible to it. A guarantee then holds iff some order of each key's
 * writes, the initial value first, puts every constraint the sessions imply forward:
 *
 * <ul>
 *   <li>RYW: each of a session's earlier writes of the key precedes the write its read returned;
 *   <li>MR: the write a session read precedes the write its next read of the key returned;
 *   <li>MW: a session's write precedes its next write of the key;
 *   <li>WFR: the write a session read precedes the session's later writes of the key.
 * </ul>
 *
 * Guarantees are per key (Terry's "relevant writes"): a session's operations on other keys do
 * not constrain key x. RYW and WFR relate every earlier operation to every later one, so the
 * graph gets one auxiliary node per session prefix (all own writes so far; all writes read so
 * far) to stay linear. A read of the initial value after an own write or after a read of a write
 * needs no graph: that is a violation on the spot. Cycles made of one session's constraints are
 * violations under any definition and are reported as such; cycles that need several sessions
 * mean no one write order explains all sessions together (a non-convergent store), reported
 * apart with the suffix {@code -cross-session}. O(n + m) apart from RYW reads of a session's own
 * older write, which add one edge per newer own write of the key.
 */
final class BlackBoxSessions {
    static final String CROSS_SESSION = "-cross-session";

    private final RegisterHistory history;
    private final ObservedOps ops;
    private final Sessions sessions;
    private final Set<Guarantee> guarantees;
    private final CheckContext context;
    private final AnomalyLog log = new AnomalyLog();
    private final Map<String, Long> violationsByNode = new TreeMap<>();
    private final Digraph.Builder constraints;
    /** Where each session's constraint edges begin in {@link #edges}, and where the last ends. */
    private final int[] sessionEdgesStart;
    private final List<Step> edges = new ArrayList<>();
    private long sessionLocal;
    private long crossSession;

    BlackBoxSessions(RegisterHistory history, Set<Guarantee> guarantees, CheckContext context) {
        this.history = history;
        this.ops = history.ops();
        this.sessions = ops.sessions();
        this.guarantees = guarantees;
        this.context = context;
        this.constraints = Digraph.builder(2 * ops.size());
        this.sessionEdgesStart = new int[sessions.count() + 1];
    }

    Verdict verdict(String checker) {
        check();
        return log.verdict(checker, stats());
    }

    private void check() {
        UnexplainedReads.log(history, log);
        int[] linkedUpTo = new int[ops.size()];
        Arrays.fill(linkedUpTo, -1);
        for (int session = 0; session < sessions.count(); session++) {
            sessionEdgesStart[session] = edges.size();
            if (session % 64 == 0) {
                BudgetExhausted.poll(context, "after " + session + " of " + sessions.count() + " sessions");
            }
            constrain(session, linkedUpTo);
        }
        sessionEdgesStart[sessions.count()] = edges.size();
        for (Step edge : edges) {
            constraints.add(edge.from(), edge.to(), edge.relation(), edge.cause());
        }
        boolean[] inLocalCycle = findSessionLocalCycles();
        findCrossSessionCycles(inLocalCycle);
    }

    private Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("mode", "black-box");
        stats.put("guarantees", guarantees.stream().map(Guarantee::wireName).toList());
        stats.put("operations", (long) ops.size());
        stats.put("sessions", (long) sessions.count());
        stats.put("keys", (long) ops.keyCount());
        stats.put("constraintEdges", (long) edges.size());
        stats.put("sessionLocalViolations", sessionLocal);
        stats.put("crossSessionViolations", crossSession);
        if (!violationsByNode.isEmpty()) {
            stats.put("violationsByNode", new LinkedHashMap<String, Object>(violationsByNode));
        }
        return stats;
    }

    /** A session's progress through one key: what its constraints hang on. */
    private static final class KeyState {
        int lastOwnWrite = -1;
        int ownWritesAux = -1;
        int readsAux = -1;
        int lastRead = -1;
        final List<Integer> ownWrites = new ArrayList<>();
        final Map<Integer, Integer> ownIndex = new HashMap<>();
    }

    private void constrain(int session, int[] linkedUpTo) {
        Map<Integer, KeyState> states = new HashMap<>();
        for (int node : sessions.members(session)) {
            KeyState state = states.computeIfAbsent(ops.keyId(node), key -> new KeyState());
            if (ops.kind(node) == OpKind.WRITE) {
                constrainWrite(node, state);
            } else if (history.readsFrom(node) == RegisterHistory.INITIAL) {
                checkInitialRead(node, state);
            } else if (history.readsFrom(node) >= 0) {
                constrainRead(node, state, linkedUpTo);
            }
        }
    }

    private void constrainWrite(int write, KeyState state) {
        if (guarantees.contains(Guarantee.MW) && state.lastOwnWrite >= 0) {
            edges.add(new Step(state.lastOwnWrite, write, Relation.MONOTONIC_WRITES, write));
        }
        if (guarantees.contains(Guarantee.WFR) && state.readsAux >= 0) {
            edges.add(new Step(state.readsAux, write, Relation.WRITES_FOLLOW_READS, write));
        }
        if (guarantees.contains(Guarantee.RYW)) {
            int aux = auxOf(write);
            edges.add(new Step(write, aux, Relation.READ_YOUR_WRITES, write));
            if (state.ownWritesAux >= 0) {
                edges.add(new Step(state.ownWritesAux, aux, Relation.READ_YOUR_WRITES, write));
            }
            state.ownWritesAux = aux;
            state.ownIndex.put(write, state.ownWrites.size());
            state.ownWrites.add(write);
        }
        state.lastOwnWrite = write;
    }

    private void constrainRead(int read, KeyState state, int[] linkedUpTo) {
        int source = history.readsFrom(read);
        if (guarantees.contains(Guarantee.MR) && state.lastRead >= 0 && history.readsFrom(state.lastRead) != source) {
            edges.add(new Step(history.readsFrom(state.lastRead), source, Relation.MONOTONIC_READS, read));
        }
        if (guarantees.contains(Guarantee.RYW) && state.ownWritesAux >= 0) {
            Integer own = state.ownIndex.get(source);
            if (own == null) {
                edges.add(new Step(state.ownWritesAux, source, Relation.READ_YOUR_WRITES, read));
            } else {
                // Reading an own write w_k: w_k is not before itself, so the prefix before it
                // and each newer own write precede it, each pair once.
                if (own > 0) {
                    edges.add(new Step(auxOf(state.ownWrites.get(own - 1)), source, Relation.READ_YOUR_WRITES, read));
                }
                for (int newer = Math.max(own, linkedUpTo[source]) + 1; newer < state.ownWrites.size(); newer++) {
                    edges.add(new Step(state.ownWrites.get(newer), source, Relation.READ_YOUR_WRITES, read));
                }
                linkedUpTo[source] = state.ownWrites.size() - 1;
            }
        }
        if (guarantees.contains(Guarantee.WFR)) {
            int aux = auxOf(read);
            edges.add(new Step(source, aux, Relation.WRITES_FOLLOW_READS, read));
            if (state.readsAux >= 0) {
                edges.add(new Step(state.readsAux, aux, Relation.WRITES_FOLLOW_READS, read));
            }
            state.readsAux = aux;
        }
        state.lastRead = read;
    }

    private void checkInitialRead(int read, KeyState state) {
        if (guarantees.contains(Guarantee.RYW) && state.lastOwnWrite >= 0) {
            localViolation(Guarantee.RYW, state.lastOwnWrite, read, "read your writes");
        }
        if (guarantees.contains(Guarantee.MR) && state.lastRead >= 0) {
            localViolation(Guarantee.MR, state.lastRead, read, "monotonic reads");
        }
    }

    private void localViolation(Guarantee guarantee, int earlier, int read, String name) {
        sessionLocal++;
        countNodes(List.of(earlier, read));
        log.add(guarantee.name(), () -> {
            String text = ops.actor(read) + " " + ops.kind(earlier).verb() + " " + ops.object(earlier) + served(earlier)
                    + " then read the initial " + ops.object(read) + served(read) + ": " + name + " violated";
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("scope", "session-local");
            data.put("guarantees", List.of(guarantee.wireName()));
            data.put("session", ops.actor(read));
            data.put("excerpt", excerpt(earlier, read));
            return new Anomaly(guarantee.name(), text, List.of(ops.opIndex(earlier), ops.opIndex(read)), data);
        });
    }

    /** The operation indices of the session from one node to a later one. */
    private List<Object> excerpt(int from, int to) {
        List<Object> excerpt = new ArrayList<>();
        int session = sessions.sessionOf(to);
        for (int position = sessions.positionOf(from); position <= sessions.positionOf(to); position++) {
            excerpt.add((long) ops.opIndex(sessions.nodeAt(session, position)));
        }
        return excerpt;
    }

    private String served(int node) {
        String server = ops.operation(node).node();
        return server == null ? "" : " at " + server;
    }

    private void countNodes(List<Integer> nodes) {
        for (int node : nodes) {
            String server = ops.operation(node).node();
            if (server != null) {
                violationsByNode.merge(server, 1L, Long::sum);
            }
        }
    }

    private int auxOf(int node) {
        return ops.size() + node;
    }

    /** Cycles among one session's own constraints; returns the nodes of every such cycle's component. */
    private boolean[] findSessionLocalCycles() {
        boolean[] inLocalCycle = new boolean[2 * ops.size()];
        int[] localId = new int[2 * ops.size()];
        Arrays.fill(localId, -1);
        for (int session = 0; session < sessions.count(); session++) {
            List<Step> own = edges.subList(sessionEdgesStart[session], sessionEdgesStart[session + 1]);
            List<Integer> globalIds = new ArrayList<>();
            for (Step edge : own) {
                for (int node : new int[] {edge.from(), edge.to()}) {
                    if (localId[node] < 0) {
                        localId[node] = globalIds.size();
                        globalIds.add(node);
                    }
                }
            }
            Digraph.Builder builder = Digraph.builder(globalIds.size());
            for (Step edge : own) {
                builder.add(localId[edge.from()], localId[edge.to()], edge.relation(), edge.cause());
            }
            Digraph local = builder.build();
            for (int[] component : Cycles.cyclicComponents(local)) {
                for (int node : component) {
                    inLocalCycle[globalIds.get(node)] = true;
                }
            }
            for (List<Step> cycle : Cycles.witnesses(local, Integer.MAX_VALUE, Relation.MONOTONIC_READS)) {
                List<Step> global = new ArrayList<>();
                for (Step step : cycle) {
                    global.add(new Step(globalIds.get(step.from()), globalIds.get(step.to()), step.relation(), step.cause()));
                }
                logCycle(global, true);
            }
            for (int node : globalIds) {
                localId[node] = -1;
            }
        }
        return inLocalCycle;
    }

    private void findCrossSessionCycles(boolean[] inLocalCycle) {
        Digraph graph = constraints.build();
        for (int[] component : Cycles.cyclicComponents(graph)) {
            boolean local = false;
            for (int node : component) {
                local |= inLocalCycle[node];
            }
            if (local) {
                continue;
            }
            boolean[] member = new boolean[graph.size()];
            for (int node : component) {
                member[node] = true;
            }
            List<Step> cycle = ShortestPaths.cycleThrough(graph, component[0], node -> member[node]);
            logCycle(cycle, false);
        }
    }

    private void logCycle(List<Step> cycle, boolean local) {
        List<Step> steps = collapsed(cycle);
        Set<Guarantee> involved = EnumSet.noneOf(Guarantee.class);
        List<Integer> nodes = new ArrayList<>();
        for (Step step : steps) {
            involved.add(Guarantee.of(step.relation()));
            nodes.add(step.cause());
        }
        countNodes(nodes);
        String type = String.join("+", involved.stream().map(Guarantee::name).toList()) + (local ? "" : CROSS_SESSION);
        if (local) {
            sessionLocal++;
        } else {
            crossSession++;
        }
        log.add(type, () -> cycleAnomaly(type, steps, involved, local));
    }

    private Anomaly cycleAnomaly(String type, List<Step> steps, Set<Guarantee> involved, boolean local) {
        Object key = ops.key(ops.keyId(steps.get(0).from()));
        String text = Witness.text(ops, steps, this::clause) + ": a cycle, so no order of the writes"
                + (key == null ? "" : " of " + Values.describe(key)) + " satisfies "
                + String.join(" and ", involved.stream().map(Guarantee::name).toList())
                + (local ? " within " + ops.actor(steps.get(0).cause()) : " for all sessions together");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", local ? "session-local" : "cross-session");
        data.put("guarantees", involved.stream().map(Guarantee::wireName).toList());
        data.put("sessions", steps.stream().map(step -> ops.actor(step.cause())).distinct().toList());
        data.put("steps", Witness.data(ops, steps));
        return new Anomaly(type, text, Witness.opIndices(ops, steps), data);
    }

    /** The cycle over writes alone: each run through auxiliary nodes becomes one step. */
    private List<Step> collapsed(List<Step> cycle) {
        int start = 0;
        while (cycle.get(start).from() >= ops.size()) {
            start++;
        }
        List<Step> steps = new ArrayList<>();
        int from = -1;
        for (int i = 0; i < cycle.size(); i++) {
            Step step = cycle.get((start + i) % cycle.size());
            if (step.from() < ops.size()) {
                from = step.from();
            }
            if (step.to() < ops.size()) {
                steps.add(new Step(from, step.to(), step.relation(), step.cause()));
            }
        }
        return steps;
    }

    /** A constraint in words: the session's two operations and the order they force. */
    private String clause(Step step) {
        int cause = step.cause();
        String earlier = ops.object(step.from());
        String later = ops.object(step.to());
        String action = switch (Guarantee.of(step.relation())) {
            case RYW -> "wrote " + earlier + " and later read " + later;
            case MR -> "read " + earlier + " and later " + later;
            case MW -> "wrote " + earlier + " and later " + later;
            case WFR -> "read " + earlier + " and later wrote " + later;
        };
        return ops.actor(cause) + " " + action + served(cause) + " (" + Guarantee.of(step.relation()).name()
                + ": " + earlier + " before " + later + ")";
    }
}
