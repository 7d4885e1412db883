package dev.faultline.checker.causal;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.graph.BudgetExhausted;
import dev.faultline.checker.graph.CollectionHistory;
import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.UnexplainedReads;
import dev.faultline.checker.graph.UpdateChains;
import dev.faultline.checker.graph.Witness;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Causal consistency of grow-only sets and lists, where a read returns every update it saw, so
 * visibility is observed instead of inferred. CO = (po ∪ observed)⁺, with vector clocks.
 *
 * <ul>
 *   <li>CC (and, for sets, CCv and CM too: sets commute): every read returns exactly the updates
 *       of its key in its causal past (causal visibility), and a list read orders them
 *       consistently with CO.
 *   <li>CCv for lists: one arbitration order extends CO and every read's list order; the graph
 *       CO ∪ list orders must be acyclic ({@link CausalPatterns#INCOMPATIBLE_ORDER}).
 *   <li>CM: each session's serialization places every update its read returned before the read,
 *       every update of the read's key that it did not return (and that lies in the session's
 *       causal past) after it, and, for lists, follows each read's list order; the graph of CO and
 *       those edges must be acyclic for each session ({@link CausalPatterns#CYCLIC_HB}).
 * </ul>
 */
final class CollectionCausality extends CausalCheck {
    private final CollectionHistory history;
    private final Sessions sessions;
    private CausalPast past;
    private UpdateChains updates;
    /** Per read and session: how many of the session's updates of the read's key the read returned. */
    private int[] observedCounts;

    CollectionCausality(CollectionHistory history, CausalModel model, CheckContext context) {
        super(history.ops(), model, context, history.ordered() ? "list" : "set");
        this.history = history;
        this.sessions = ops.sessions();
    }

    @Override
    void check() {
        UnexplainedReads.log(history, log);
        logDuplicates();
        past = CausalPast.of(ops, history.causalOrder().build(), log, context);
        if (past == null) {
            return;
        }
        stats.put("causalPastMax", past.largestPast(ops.size()));
        updates = UpdateChains.of(ops);
        checkVisibility();
        if (history.ordered()) {
            checkListOrders();
        }
        if (model == CausalModel.CCV && history.ordered()) {
            checkArbitration();
        }
        if (model == CausalModel.CM) {
            checkSessionSerializations();
        }
    }

    private void logDuplicates() {
        for (int read = 0; read < ops.size(); read++) {
            for (Object element : history.duplicates(read)) {
                int node = read;
                log.add(CausalPatterns.DUPLICATE_ELEMENTS, () -> new Anomaly(CausalPatterns.DUPLICATE_ELEMENTS,
                        ops.describe(node) + ", which holds " + Values.describe(element) + " more than once",
                        List.of(ops.opIndex(node)), Map.of("read", (long) ops.opIndex(node), "element", Values.describe(element))));
            }
        }
    }

    /** Every update of the read's key in its causal past must be in the read. */
    private void checkVisibility() {
        int width = sessions.count();
        BudgetExhausted.reserve(context, 4L * ops.size() * width, "per-session counts of " + ops.size() + " reads");
        observedCounts = new int[ops.size() * width];
        boolean[] returned = new boolean[ops.size()];
        long elements = 0;
        for (int read = 0; read < ops.size(); read++) {
            if (ops.kind(read) != OpKind.READ) {
                continue;
            }
            if (read % 4096 == 0) {
                BudgetExhausted.poll(context, "checking visibility at operation " + read + " of " + ops.size());
            }
            for (int update : history.observed(read)) {
                observedCounts[read * width + sessions.sessionOf(update)]++;
                returned[update] = true;
            }
            elements += history.observed(read).length;
            int key = ops.keyId(read);
            for (int session : updates.sessionsUpdating(key)) {
                int visible = updates.countAtOrBefore(key, session, past.clocks.get(read, session));
                if (observedCounts[read * width + session] < visible) {
                    int missing = firstMissing(updates.chain(key, session), returned);
                    int node = read;
                    log.add(CausalPatterns.CAUSAL_VISIBILITY, () -> missingUpdate(node, missing));
                }
            }
            for (int update : history.observed(read)) {
                returned[update] = false;
            }
        }
        stats.put("elementsRead", elements);
    }

    private static int firstMissing(int[] chain, boolean[] returned) {
        for (int update : chain) {
            if (!returned[update]) {
                return update;
            }
        }
        throw new IllegalStateException("a read misses an update but returned the whole chain");
    }

    /** (CC) A list read must not put an element before one that causally precedes it. */
    private void checkListOrders() {
        int width = sessions.count();
        int[] union = new int[width];
        for (int read = 0; read < ops.size(); read++) {
            int[] list = history.observed(read);
            Arrays.fill(union, -1);
            for (int position = 0; position < list.length; position++) {
                int element = list[position];
                if (sessions.positionOf(element) <= union[sessions.sessionOf(element)]) {
                    int earlier = firstSuccessor(list, position, element);
                    int node = read;
                    log.add(CausalPatterns.CAUSAL_ORDER, () -> causalOrder(node, earlier, element));
                    break;
                }
                for (int session = 0; session < width; session++) {
                    union[session] = Math.max(union[session], past.clocks.get(element, session));
                }
            }
        }
    }

    /** The first element before {@code position} that {@code element} causally precedes. */
    private int firstSuccessor(int[] list, int position, int element) {
        for (int earlier = 0; earlier < position; earlier++) {
            if (past.clocks.contains(list[earlier], element)) {
                return list[earlier];
            }
        }
        throw new IllegalStateException("an element precedes an earlier one but none is found");
    }

    /** (CCv, lists) CO plus every read's list order must be acyclic. */
    private void checkArbitration() {
        List<Step> edges = new ArrayList<>();
        Set<Long> pairs = new HashSet<>();
        for (int read = 0; read < ops.size(); read++) {
            addListOrder(edges, pairs, read);
        }
        Digraph graph = withEdges(edges);
        stats.put("listOrderEdges", (long) pairs.size());
        if (Cycles.topologicalOrder(graph) != null) {
            return;
        }
        for (List<Step> cycle : Cycles.witnesses(graph, Integer.MAX_VALUE, Relation.LIST_ORDER)) {
            log.add(CausalPatterns.INCOMPATIBLE_ORDER, () -> cycleAnomaly(CausalPatterns.INCOMPATIBLE_ORDER, cycle,
                    "causal order and the reads' list orders form a cycle, so no single order of the appends explains every read"));
        }
    }

    /** CO with more edges. */
    private Digraph withEdges(List<Step> edges) {
        Digraph.Builder builder = past.graph.toBuilder();
        edges.forEach(step -> builder.add(step.from(), step.to(), step.relation(), step.cause()));
        return builder.build();
    }

    private void addListOrder(List<Step> steps, Set<Long> pairs, int read) {
        int[] list = history.observed(read);
        for (int position = 1; position < list.length; position++) {
            if (pairs.add(((long) list[position - 1] << 32) | list[position])) {
                steps.add(new Step(list[position - 1], list[position], Relation.LIST_ORDER, read));
            }
        }
    }

    /**
     * (CM) For each session: CO, each read's list order, and an edge from each read to every
     * update of its key in the session's causal past that it did not return, must be acyclic.
     * Each session's edges join its reads and updates of the keys it reads, so CO is summarised
     * over those nodes ({@link CausalSummary}); the whole graph is built only for a witness.
     */
    private void checkSessionSerializations() {
        int width = sessions.count();
        for (int session = 0; session < width; session++) {
            BudgetExhausted.poll(context, "checking causal memory of session " + (session + 1) + " of " + width);
            List<Step> edges = serializationEdges(session);
            int[] ends = edges.stream().flatMapToInt(step -> IntStream.of(step.from(), step.to())).toArray();
            if (!CausalSummary.of(ends, edges, past.clocks, sessions).cyclic()) {
                continue;
            }
            List<Step> cycle = Cycles.witnesses(withEdges(edges), 1, Relation.HAPPENS_BEFORE).get(0);
            String conclusion = "a cycle, so no single serialization explains every read of " + sessions.label(session);
            log.add(CausalPatterns.CYCLIC_HB, () -> cycleAnomaly(CausalPatterns.CYCLIC_HB, cycle, conclusion));
        }
    }

    /** The session's reads' list orders and the edges from each read to the updates it did not return. */
    private List<Step> serializationEdges(int session) {
        int width = sessions.count();
        int last = sessions.last(session);
        List<Step> edges = new ArrayList<>();
        Set<Long> pairs = new HashSet<>();
        for (int read : sessions.members(session)) {
            if (ops.kind(read) != OpKind.READ) {
                continue;
            }
            if (history.ordered()) {
                addListOrder(edges, pairs, read);
            }
            int key = ops.keyId(read);
            for (int writer : updates.sessionsUpdating(key)) {
                int returned = observedCounts[read * width + writer];
                int[] chain = updates.chain(key, writer);
                // Fewer returned than visible is a visibility violation, already reported.
                boolean prefix = returned == updates.countAtOrBefore(key, writer, past.clocks.get(read, writer));
                if (prefix && returned < chain.length && past.clocks.contains(last, chain[returned])) {
                    edges.add(new Step(read, chain[returned], Relation.HAPPENS_BEFORE, read));
                }
            }
        }
        return edges;
    }

    private Anomaly missingUpdate(int read, int missing) {
        List<Step> steps = past.path(missing, read);
        String text = Witness.text(ops, steps, this::clause) + ": " + ops.actor(read) + "'s read misses "
                + Values.describe(ops.value(missing)) + ", which is in its causal past";
        Map<String, Object> data = data(CausalPatterns.CAUSAL_VISIBILITY, steps);
        data.put("read", (long) ops.opIndex(read));
        data.put("missing", (long) ops.opIndex(missing));
        return new Anomaly(CausalPatterns.CAUSAL_VISIBILITY, text, Witness.opIndices(ops, steps, missing, read), data);
    }

    private Anomaly causalOrder(int read, int earlier, int later) {
        List<Step> steps = new ArrayList<>(past.path(later, earlier));
        String text = Witness.text(ops, steps, this::clause) + "; yet " + ops.describe(read) + ", with "
                + Values.describe(ops.value(earlier)) + " before " + Values.describe(ops.value(later));
        steps.add(new Step(earlier, later, Relation.LIST_ORDER, read));
        Map<String, Object> data = data(CausalPatterns.CAUSAL_ORDER, steps);
        data.put("read", (long) ops.opIndex(read));
        return new Anomaly(CausalPatterns.CAUSAL_ORDER, text, Witness.opIndices(ops, steps, read), data);
    }

    private Anomaly cycleAnomaly(String pattern, List<Step> cycle, String conclusion) {
        String text = Witness.text(ops, cycle, this::clause) + ": " + conclusion;
        return new Anomaly(pattern, text, Witness.opIndices(ops, cycle), data(pattern, cycle));
    }

    /** A list-order or serialization step in words. */
    private String clause(Step step) {
        String from = Values.describe(ops.value(step.from()));
        if (step.relation() == Relation.LIST_ORDER) {
            return ops.describe(step.cause()) + " (so " + from + " before " + Values.describe(ops.value(step.to())) + ")";
        }
        return ops.describe(step.cause()) + " without " + Values.describe(ops.value(step.to())) + " (so "
                + ops.actor(step.cause()) + "'s serialization puts that read before " + ops.describe(step.to()) + ")";
    }
}
