package dev.faultline.checker.sequential;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.graph.BudgetExhausted;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.history.Values;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sequential consistency of any register or key-value history by search: the linearizability
 * search of Wing and Gong with Lowe's memoization, with the candidate set changed to "the next
 * operation of each session" (no real-time order; notes §4). Exponential in the number of
 * sessions in the worst case; the context's deadline and memory limit end it with
 * {@link BudgetExhausted}.
 *
 * <ul>
 *   <li>Depth-first with an explicit stack and one mutable state, undone on backtracking; each
 *       frame generates its moves lazily, earliest-completed candidate first, which finds the
 *       order without backtracking when the history is linearizable. A read that can go now goes
 *       now, with no alternative (see {@link #candidates()}).
 *   <li>A configuration is remembered once expanded and never expanded again. It is the frontier
 *       (how far each session is placed) plus the values of the live keys only: keys with
 *       operations still to place and a value other than the initial one. A key with nothing left
 *       to place cannot affect what follows, so the memo stays exact while its entries stay small
 *       (tens of keys where the history has thousands).
 *   <li>An indeterminate write or cas, the last of its session, may be placed or left out; when
 *       nothing reads or compares against the value it writes, it is only left out (placing it
 *       could only hide the key's other values from later reads).
 * </ul>
 *
 * When every order fails, the witness is the longest consistent prefix and the operations no
 * extension of it can place, with the values before them.
 */
final class SequentialSearch {
    static final String NOT_SEQUENTIAL = "NotSequential";

    private final SequentialHistory history;
    private final ObservedOps ops;
    private final Sessions sessions;
    private final CheckContext context;
    private final int width;
    private final int[] readValue;
    private final int[] writtenValue;
    private final int[] completion;
    /** For an indeterminate update: whether some read or cas of its key observes the value it writes. */
    private final boolean[] observed;
    private final List<Object> values = new ArrayList<>();
    private final int initial;
    // The mutable search state, undone on backtracking.
    private final int[] frontier;
    private final int[] state;
    private final int[] remaining;
    private final int[] live;
    private final int[] livePosition;
    private int liveCount;
    private long expanded;
    private long memoBytes;

    /** A remembered configuration, with how it was first reached (for the witness). */
    private static final class Configuration {
        final int[] packed;
        final int hash;
        final Configuration parent;
        final int placed;
        final int depth;

        Configuration(int[] packed, Configuration parent, int placed, int depth) {
            this.packed = packed;
            this.hash = Arrays.hashCode(packed);
            this.parent = parent;
            this.placed = placed;
            this.depth = depth;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Configuration that && hash == that.hash && Arrays.equals(packed, that.packed);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A configuration on the stack: its candidates and the next move to try. */
    private static final class Frame {
        final Configuration configuration;
        final int[] candidates;
        int nextMove;
        /** The move that led here, to undo: the node, whether it was placed, the value it replaced. */
        final int node;
        final boolean placed;
        final int replaced;

        Frame(Configuration configuration, int[] candidates, int node, boolean placed, int replaced) {
            this.configuration = configuration;
            this.candidates = candidates;
            this.node = node;
            this.placed = placed;
            this.replaced = replaced;
        }
    }

    SequentialSearch(SequentialHistory history, RegisterSemantics semantics, CheckContext context) {
        this.history = history;
        this.ops = history.ops;
        this.sessions = ops.sessions();
        this.context = context;
        this.width = sessions.count();
        Map<Object, Integer> ids = new HashMap<>();
        initial = intern(ids, semantics.initialValue());
        readValue = new int[ops.size()];
        writtenValue = new int[ops.size()];
        completion = new int[ops.size()];
        int keys = ops.keyCount();
        remaining = new int[keys];
        for (int node = 0; node < ops.size(); node++) {
            readValue[node] = switch (ops.kind(node)) {
                case READ -> intern(ids, ops.value(node));
                case CAS -> intern(ids, history.expected(node));
                default -> -1;
            };
            writtenValue[node] = ops.kind(node) == OpKind.READ ? -1 : intern(ids, history.written(node));
            int completed = ops.operation(node).completion();
            completion[node] = completed < 0 ? Integer.MAX_VALUE : completed;
            remaining[ops.keyId(node)]++;
        }
        observed = new boolean[ops.size()];
        Set<Long> observedValues = new HashSet<>();
        for (int node = 0; node < ops.size(); node++) {
            if (readValue[node] >= 0) {
                observedValues.add(((long) ops.keyId(node) << 32) | readValue[node]);
            }
        }
        for (int node = 0; node < ops.size(); node++) {
            observed[node] = writtenValue[node] >= 0 && observedValues.contains(((long) ops.keyId(node) << 32) | writtenValue[node]);
        }
        frontier = new int[width];
        state = new int[keys];
        Arrays.fill(state, initial);
        live = new int[keys];
        livePosition = new int[keys];
        Arrays.fill(livePosition, -1);
    }

    private int intern(Map<Object, Integer> ids, Object value) {
        return ids.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    long configurationsExpanded() {
        return expanded;
    }

    /** Null when a sequential order exists; otherwise the witness that none does. */
    Anomaly run() {
        Set<Configuration> seen = new HashSet<>();
        Configuration root = new Configuration(packed(), null, -1, 0);
        seen.add(root);
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, candidates(), -1, false, 0));
        Configuration deepest = root;
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.candidates.length == 0) {
                return null;
            }
            int move = nextLegalMove(frame);
            if (move < 0) {
                undo(stack.pop());
                continue;
            }
            int node = frame.candidates[move / 2];
            boolean place = move % 2 == 0;
            int replaced = apply(node, place);
            Configuration next = new Configuration(packed(), frame.configuration, place ? node : -1, frame.configuration.depth + 1);
            if (!seen.add(next)) {
                undo(node, place, replaced);
                continue;
            }
            memoBytes += 96 + 4L * next.packed.length;
            if (next.depth > deepest.depth) {
                deepest = next;
            }
            if (++expanded % 1024 == 0) {
                BudgetExhausted.poll(context, "after " + expanded + " configurations, the longest consistent prefix placing "
                        + deepest.depth + " of " + ops.size() + " operations");
            }
            if (memoBytes > context.memoryLimitBytes()) {
                throw new BudgetExhausted("the search's " + seen.size() + " configurations reached the memory limit of "
                        + (context.memoryLimitBytes() >> 20) + " MiB; the longest consistent prefix placed "
                        + deepest.depth + " of " + ops.size() + " operations");
            }
            stack.push(new Frame(next, candidates(), node, place, replaced));
        }
        return witness(deepest);
    }

    /** The frame's next move, 2 × candidate + (0 place, 1 leave out), or -1 when none is left. */
    private int nextLegalMove(Frame frame) {
        while (frame.nextMove < 2 * frame.candidates.length) {
            int move = frame.nextMove++;
            int node = frame.candidates[move / 2];
            boolean legal = move % 2 == 0 ? placeable(node) : history.optional[node];
            if (legal) {
                return move;
            }
        }
        return -1;
    }

    /**
     * Each unfinished session's next node, earliest-completed first; or only one of them, when it
     * is a definite read (or a cas whose compare failed) that can go now. Such an operation
     * changes nothing, and its session waits on it, so any order that places it later can place
     * it now instead: committing to it loses no order and cuts the branching to the operations
     * that change state.
     */
    private int[] candidates() {
        List<Integer> candidates = new ArrayList<>(width);
        for (int session = 0; session < width; session++) {
            if (frontier[session] < sessions.members(session).length) {
                int node = sessions.nodeAt(session, frontier[session]);
                boolean readOnly = ops.kind(node) == OpKind.READ || history.failedCompare[node];
                if (readOnly && !history.optional[node] && legal(node, state[ops.keyId(node)])) {
                    return new int[] {node};
                }
                candidates.add(node);
            }
        }
        candidates.sort((a, b) -> Integer.compare(completion[a], completion[b]));
        return candidates.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether the node can go next. An indeterminate update whose value nothing observes is only
     * ever left out: placing it can only make later reads of its key harder to explain.
     */
    private boolean placeable(int node) {
        return (!history.optional[node] || observed[node]) && legal(node, state[ops.keyId(node)]);
    }

    private boolean legal(int node, int current) {
        return switch (ops.kind(node)) {
            case READ -> current == readValue[node];
            case CAS -> history.failedCompare[node] ? current != readValue[node] : current == readValue[node];
            default -> true;
        };
    }

    /** Places the node (or leaves it out) in the mutable state; returns the key's previous value. */
    private int apply(int node, boolean place) {
        int key = ops.keyId(node);
        int replaced = state[key];
        frontier[sessions.sessionOf(node)]++;
        remaining[key]--;
        if (place && ops.kind(node) != OpKind.READ && !history.failedCompare[node]) {
            state[key] = writtenValue[node];
        }
        updateLive(key);
        return replaced;
    }

    private void undo(Frame frame) {
        if (frame.node >= 0) {
            undo(frame.node, frame.placed, frame.replaced);
        }
    }

    private void undo(int node, boolean placed, int replaced) {
        int key = ops.keyId(node);
        frontier[sessions.sessionOf(node)]--;
        remaining[key]++;
        state[key] = replaced;
        updateLive(key);
    }

    /** Keeps {@link #live} the set of keys with operations left and a value other than the initial one. */
    private void updateLive(int key) {
        boolean isLive = remaining[key] > 0 && state[key] != initial;
        if (isLive && livePosition[key] < 0) {
            livePosition[key] = liveCount;
            live[liveCount++] = key;
        } else if (!isLive && livePosition[key] >= 0) {
            int last = live[--liveCount];
            live[livePosition[key]] = last;
            livePosition[last] = livePosition[key];
            livePosition[key] = -1;
        }
    }

    /** The frontier, then (key, value) for each live key in key order. */
    private int[] packed() {
        int[] keys = Arrays.copyOf(live, liveCount);
        Arrays.sort(keys);
        int[] packed = Arrays.copyOf(frontier, width + 2 * liveCount);
        for (int i = 0; i < liveCount; i++) {
            packed[width + 2 * i] = keys[i];
            packed[width + 2 * i + 1] = state[keys[i]];
        }
        return packed;
    }

    private Anomaly witness(Configuration deepest) {
        List<Integer> prefix = new ArrayList<>();
        List<Configuration> path = new ArrayList<>();
        for (Configuration at = deepest; at.parent != null; at = at.parent) {
            path.add(at);
            if (at.placed >= 0) {
                prefix.add(at.placed);
            }
        }
        Collections.reverse(prefix);
        int[] reached = deepest.packed;
        int[] values = new int[ops.keyCount()];
        Arrays.fill(values, initial);
        for (int node : prefix) {
            if (ops.kind(node) != OpKind.READ && !history.failedCompare[node]) {
                values[ops.keyId(node)] = writtenValue[node];
            }
        }
        List<String> blocked = new ArrayList<>();
        List<Integer> blockedOps = new ArrayList<>();
        Map<String, Object> holds = new LinkedHashMap<>();
        for (int session = 0; session < width; session++) {
            if (reached[session] < sessions.members(session).length) {
                int node = sessions.nodeAt(session, reached[session]);
                Object value = this.values.get(values[ops.keyId(node)]);
                blocked.add(ops.describe(node) + " (" + describeKey(node) + " holds " + Values.describe(value) + ")");
                blockedOps.add(ops.opIndex(node));
                holds.put(describeKey(node), Values.describe(value));
            }
        }
        String text = "no sequential order exists: the longest consistent prefix places " + prefix.size() + " of "
                + ops.size() + " operations, and after it no session's next operation can go: " + String.join("; ", blocked);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pattern", NOT_SEQUENTIAL);
        data.put("prefix", prefix.stream().map(node -> (Object) (long) ops.opIndex(node)).toList());
        data.put("blocked", blockedOps.stream().map(index -> (Object) (long) index).toList());
        data.put("state", holds);
        return new Anomaly(NOT_SEQUENTIAL, text, blockedOps, data);
    }

    private String describeKey(int node) {
        Object key = ops.key(ops.keyId(node));
        return key == null ? "the register" : Values.describe(key);
    }
}
