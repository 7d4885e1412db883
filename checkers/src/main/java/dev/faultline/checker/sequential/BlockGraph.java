package dev.faultline.checker.sequential;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.UnexplainedReads;
import dev.faultline.checker.graph.Witness;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sequential consistency of one key whose writes all write distinct values, in O(n + m) (notes
 * §4, ours). In a sequential order the writes cut the operations into blocks: a write, then the
 * reads of its value; the reads of the initial value form block 0, first. A successful cas from a
 * to b is the write of b's block and must come right after a's block, so cas successors form
 * chains that stay contiguous. Then the key is sequentially consistent iff
 *
 * <ul>
 *   <li>every read and cas names a value some update wrote (or the initial value);
 *   <li>no two successful cas start from one value, and cas chains have no cycle;
 *   <li>program order never goes back inside a chain (a read before the write it returned, a
 *       read of a after the cas from a), nor into block 0's chain from another one;
 *   <li>the graph of chains, with an edge for each program-order step from one chain to another,
 *       is acyclic; a topological order is then a sequential order.
 * </ul>
 *
 * Indeterminate writes are placed when their value was observed and left out otherwise (never
 * happening is one of their outcomes and constrains nothing). A failed cas that compared and lost
 * is a constraint this graph cannot express: {@link #check} then says it does not apply.
 */
final class BlockGraph {
    static final String INITIAL_AFTER_WRITE = "InitialAfterWrite";
    static final String WRITE_ORDER_CYCLE = "WriteOrderCycle";
    static final String DOUBLE_CAS = "DoubleCas";
    static final String CAS_CYCLE = "CasCycle";

    private final SequentialHistory history;
    private final ObservedOps ops;
    private final Sessions sessions;
    private final RegisterSemantics semantics;
    private final int key;
    private final AnomalyLog log;
    private final Map<Object, Integer> writers = new HashMap<>();
    private final boolean[] placed;
    private final Map<Integer, Integer> blockOf = new HashMap<>();
    private final List<Integer> blockWriter = new ArrayList<>();
    private int[] predecessor;
    private int[] successor;
    private int[] chainOf;
    private int[] rankOf;

    BlockGraph(SequentialHistory history, RegisterSemantics semantics, int key, AnomalyLog log) {
        this.history = history;
        this.ops = history.ops;
        this.sessions = ops.sessions();
        this.semantics = semantics;
        this.key = key;
        this.log = log;
        this.placed = new boolean[ops.size()];
    }

    /**
     * Checks the key; null when decided (anomalies, if any, are in the log), else why this fast
     * path does not apply (a value written twice, a failed compare) and a search must decide.
     *
     * @param members the key's nodes, in order
     * @param failedValues the values failed updates of the key wrote, to tell aborted reads
     */
    String check(List<Integer> members, Set<Object> failedValues) {
        for (int node : members) {
            if (history.failedCompare[node]) {
                return "a failed cas that compared is not expressible as blocks";
            }
        }
        String duplicate = indexWriters(members);
        if (duplicate != null) {
            return duplicate;
        }
        long before = log.total();
        blockWriter.add(-1);
        for (int node : members) {
            if (placed[node]) {
                blockOf.put(node, blockWriter.size());
                blockWriter.add(node);
            }
        }
        predecessor = new int[blockWriter.size()];
        successor = new int[blockWriter.size()];
        Arrays.fill(predecessor, -1);
        Arrays.fill(successor, -1);
        for (int node : members) {
            placeReadOrCas(node, failedValues);
        }
        if (log.total() == before && buildChains()) {
            orderChains(members);
        }
        return null;
    }

    /** The updates that are placed, by value; a message when a value is written twice. */
    private String indexWriters(List<Integer> members) {
        Set<Object> observed = new HashSet<>();
        for (int node : members) {
            if (!history.optional[node] && ops.kind(node) != OpKind.WRITE) {
                observed.add(ops.kind(node) == OpKind.READ ? ops.value(node) : history.expected(node));
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int node : members) {
                boolean update = ops.kind(node) != OpKind.READ;
                if (update && !placed[node] && (!history.optional[node] || observed.contains(history.written(node)))) {
                    Object value = history.written(node);
                    if (Objects.equals(value, semantics.initialValue())) {
                        return ops.describe(node) + ", the initial value";
                    }
                    if (writers.putIfAbsent(value, node) != null) {
                        return "value " + Values.describe(value) + " is written twice (lines " + ops.lineOf(writers.get(value))
                                + " and " + ops.lineOf(node) + ")";
                    }
                    placed[node] = true;
                    if (ops.kind(node) == OpKind.CAS) {
                        grew |= observed.add(history.expected(node));
                    }
                }
            }
        }
        return null;
    }

    /** The block a read belongs to, and the block a cas must follow; or an unexplained-read anomaly. */
    private void placeReadOrCas(int node, Set<Object> failedValues) {
        if (ops.kind(node) == OpKind.WRITE || (ops.kind(node) == OpKind.CAS && !blockOf.containsKey(node))) {
            return;
        }
        Object read = ops.kind(node) == OpKind.READ ? ops.value(node) : history.expected(node);
        int block;
        if (Objects.equals(read, semantics.initialValue())) {
            block = 0;
        } else if (writers.containsKey(read)) {
            block = blockOf.get(writers.get(read));
        } else {
            String type = failedValues.contains(read) ? UnexplainedReads.ABORTED_READ : UnexplainedReads.THIN_AIR_READ;
            String text = ops.describe(node) + ", but " + (failedValues.contains(read) ? "only a failed operation" : "no operation")
                    + " wrote " + Values.describe(read);
            log.add(type, () -> new Anomaly(type, text, List.of(ops.opIndex(node)), Map.of("read", (long) ops.opIndex(node))));
            return;
        }
        if (ops.kind(node) == OpKind.READ) {
            blockOf.put(node, block);
            return;
        }
        int own = blockOf.get(node);
        predecessor[own] = block;
        if (successor[block] >= 0) {
            int other = blockWriter.get(successor[block]);
            log.add(DOUBLE_CAS, () -> new Anomaly(DOUBLE_CAS, ops.describe(other) + " and " + ops.describe(node)
                    + ": two successful cas from one value, but only one can follow it",
                    List.of(ops.opIndex(other), ops.opIndex(node)), Map.of("pattern", DOUBLE_CAS)));
            return;
        }
        successor[block] = own;
    }

    /** Numbers the cas chains from their heads; false after logging a chain that loops. */
    private boolean buildChains() {
        chainOf = new int[blockWriter.size()];
        rankOf = new int[blockWriter.size()];
        Arrays.fill(chainOf, -1);
        int chains = 0;
        for (int head = 0; head < blockWriter.size(); head++) {
            if (predecessor[head] >= 0) {
                continue;
            }
            int rank = 0;
            for (int block = head; block >= 0; block = successor[block]) {
                chainOf[block] = chains;
                rankOf[block] = rank++;
            }
            chains++;
        }
        for (int block = 1; block < blockWriter.size(); block++) {
            if (chainOf[block] < 0) {
                List<Integer> loop = new ArrayList<>();
                for (int at = block; chainOf[at] < 0; at = successor[at]) {
                    chainOf[at] = chains;
                    loop.add(ops.opIndex(blockWriter.get(at)));
                }
                chains++;
                log.add(CAS_CYCLE, () -> new Anomaly(CAS_CYCLE, "the cas operations " + loop
                        + " each swap from the value the previous one wrote, in a loop no order can start",
                        loop, Map.of("pattern", CAS_CYCLE)));
                return false;
            }
        }
        return true;
    }

    private int phase(int node) {
        return ops.kind(node) == OpKind.READ ? 1 : 0;
    }

    /** Program-order edges between chains, and the cycles among them. */
    private void orderChains(List<Integer> members) {
        int chains = Arrays.stream(chainOf).max().orElse(0) + 1;
        Digraph.Builder graph = Digraph.builder(chains);
        Map<Integer, Integer> next = new HashMap<>();
        int[] previous = new int[sessions.count()];
        Arrays.fill(previous, -1);
        for (int node : members) {
            if (!blockOf.containsKey(node)) {
                continue;
            }
            int session = sessions.sessionOf(node);
            int earlier = previous[session];
            previous[session] = node;
            if (earlier < 0) {
                continue;
            }
            next.put(earlier, node);
            int from = blockOf.get(earlier);
            int to = blockOf.get(node);
            boolean sameChain = chainOf[from] == chainOf[to];
            boolean backwards = rankOf[from] > rankOf[to] || (rankOf[from] == rankOf[to] && phase(earlier) > phase(node));
            if (sameChain && backwards) {
                graph.add(chainOf[from], chainOf[to], Relation.WRITE_ORDER, earlier);
            } else if (!sameChain && chainOf[to] == chainOf[0]) {
                log.add(INITIAL_AFTER_WRITE, () -> initialAfterWrite(earlier, node));
            } else if (!sameChain) {
                graph.add(chainOf[from], chainOf[to], Relation.WRITE_ORDER, earlier);
            }
        }
        for (List<Step> cycle : Cycles.witnesses(graph.build(), Integer.MAX_VALUE, Relation.WRITE_ORDER)) {
            List<Step> steps = new ArrayList<>();
            for (Step step : cycle) {
                steps.add(new Step(step.cause(), next.get(step.cause()), Relation.PROGRAM_ORDER, -1));
            }
            log.add(WRITE_ORDER_CYCLE, () -> writeOrderCycle(steps));
        }
    }

    private Anomaly initialAfterWrite(int earlier, int read) {
        List<Step> steps = List.of(new Step(earlier, read, Relation.PROGRAM_ORDER, -1));
        String text = Witness.text(ops, steps, step -> "") + ": the initial value comes before every write, so "
                + ops.actor(read) + " cannot read it after " + ops.object(earlier);
        return new Anomaly(INITIAL_AFTER_WRITE, text, Witness.opIndices(ops, steps),
                Map.of("pattern", INITIAL_AFTER_WRITE, "steps", Witness.data(ops, steps)));
    }

    private Anomaly writeOrderCycle(List<Step> steps) {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(Witness.text(ops, List.of(step), s -> ""));
        }
        Object name = ops.key(key);
        text.append(": no single order of the writes").append(name == null ? "" : " of " + Values.describe(name))
                .append(" (each cas right after the value it swapped) explains ")
                .append(steps.size() == 1 ? "this session" : "these sessions");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pattern", WRITE_ORDER_CYCLE);
        data.put("steps", Witness.data(ops, steps));
        return new Anomaly(WRITE_ORDER_CYCLE, text.toString(), Witness.opIndices(ops, steps), data);
    }
}
