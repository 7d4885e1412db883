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
 * operation of each session" (no real-time order; notes §4). A configuration is how far each
 * session has been placed plus every key's value; configurations seen once are never expanded
 * again, so the work is bounded by the product of the sessions' lengths times the states,
 * exponential in the number of sessions in the worst case. Candidates are tried in the order the
 * operations completed, which finds the order at once when the history is linearizable.
 *
 * <p>An indeterminate write or cas (the last of its session) may be placed or left out. Explicit
 * stack, no recursion; the context's deadline and memory limit end the search with
 * {@link BudgetExhausted}. When every order fails, the witness is the longest consistent prefix
 * and the operations no extension of it can place, with the values before them.
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
    private final List<Object> values = new ArrayList<>();
    private final int[] initialState;
    private final long configurationsMax;
    private long expanded;

    /** A memoized configuration: frontier per session, then value per key; with how it was reached. */
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

    SequentialSearch(SequentialHistory history, RegisterSemantics semantics, CheckContext context) {
        this.history = history;
        this.ops = history.ops;
        this.sessions = ops.sessions();
        this.context = context;
        this.width = sessions.count();
        Map<Object, Integer> ids = new HashMap<>();
        int initial = intern(ids, semantics.initialValue());
        readValue = new int[ops.size()];
        writtenValue = new int[ops.size()];
        for (int node = 0; node < ops.size(); node++) {
            readValue[node] = switch (ops.kind(node)) {
                case READ -> intern(ids, ops.value(node));
                case CAS -> intern(ids, history.expected(node));
                default -> -1;
            };
            writtenValue[node] = ops.kind(node) == OpKind.READ ? -1 : intern(ids, history.written(node));
        }
        initialState = new int[ops.keyCount()];
        Arrays.fill(initialState, initial);
        long bytesPerConfiguration = 120L + 4L * (width + ops.keyCount());
        configurationsMax = context.memoryLimitBytes() / bytesPerConfiguration;
    }

    private int intern(Map<Object, Integer> ids, Object value) {
        return ids.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    /** Null when a sequential order exists; otherwise the witness that none does. */
    Anomaly run() {
        int[] start = new int[width + ops.keyCount()];
        System.arraycopy(initialState, 0, start, width, initialState.length);
        Configuration root = new Configuration(start, null, -1, 0);
        Set<Configuration> seen = new HashSet<>();
        seen.add(root);
        Deque<Configuration> stack = new ArrayDeque<>();
        stack.push(root);
        Configuration deepest = root;
        while (!stack.isEmpty()) {
            Configuration configuration = stack.pop();
            if (configuration.depth > deepest.depth) {
                deepest = configuration;
            }
            if (done(configuration)) {
                return null;
            }
            if (++expanded % 1024 == 0) {
                BudgetExhausted.poll(context, "after " + expanded + " configurations, the longest consistent prefix placing "
                        + deepest.depth + " of " + ops.size() + " operations");
            }
            if (seen.size() > configurationsMax) {
                throw new BudgetExhausted("the search's " + seen.size() + " configurations reached the memory limit of "
                        + (context.memoryLimitBytes() >> 20) + " MiB; the longest consistent prefix placed " + deepest.depth
                        + " of " + ops.size() + " operations");
            }
            // Pushed in reverse, so that the earliest-completed candidate is expanded first.
            List<Configuration> successors = successors(configuration);
            for (int i = successors.size() - 1; i >= 0; i--) {
                if (seen.add(successors.get(i))) {
                    stack.push(successors.get(i));
                }
            }
        }
        return witness(deepest);
    }

    long configurationsExpanded() {
        return expanded;
    }

    private boolean done(Configuration configuration) {
        for (int session = 0; session < width; session++) {
            if (configuration.packed[session] < sessions.members(session).length) {
                return false;
            }
        }
        return true;
    }

    /** Every legal next step, earliest-completed candidate first. */
    private List<Configuration> successors(Configuration configuration) {
        List<Integer> candidates = new ArrayList<>();
        for (int session = 0; session < width; session++) {
            if (configuration.packed[session] < sessions.members(session).length) {
                candidates.add(sessions.nodeAt(session, configuration.packed[session]));
            }
        }
        candidates.sort((a, b) -> Integer.compare(completion(a), completion(b)));
        List<Configuration> successors = new ArrayList<>();
        for (int node : candidates) {
            int[] state = configuration.packed;
            int session = sessions.sessionOf(node);
            int current = state[width + ops.keyId(node)];
            if (legal(node, current)) {
                int[] next = state.clone();
                next[session]++;
                if (ops.kind(node) != OpKind.READ && !history.failedCompare[node]) {
                    next[width + ops.keyId(node)] = writtenValue[node];
                }
                successors.add(new Configuration(next, configuration, node, configuration.depth + 1));
            }
            if (history.optional[node]) {
                int[] skipped = state.clone();
                skipped[session] = sessions.members(session).length;
                successors.add(new Configuration(skipped, configuration, -1 - node, configuration.depth + 1));
            }
        }
        return successors;
    }

    private int completion(int node) {
        int completion = ops.operation(node).completion();
        return completion < 0 ? Integer.MAX_VALUE : completion;
    }

    private boolean legal(int node, int current) {
        return switch (ops.kind(node)) {
            case READ -> current == readValue[node];
            case CAS -> history.failedCompare[node] ? current != readValue[node] : current == readValue[node];
            default -> true;
        };
    }

    private Anomaly witness(Configuration deepest) {
        List<Integer> prefix = new ArrayList<>();
        for (Configuration at = deepest; at.parent != null; at = at.parent) {
            if (at.placed >= 0) {
                prefix.add(at.placed);
            }
        }
        Collections.reverse(prefix);
        List<String> blocked = new ArrayList<>();
        List<Object> blockedOps = new ArrayList<>();
        Map<String, Object> state = new LinkedHashMap<>();
        for (int session = 0; session < width; session++) {
            if (deepest.packed[session] < sessions.members(session).length) {
                int node = sessions.nodeAt(session, deepest.packed[session]);
                Object holds = values.get(deepest.packed[width + ops.keyId(node)]);
                blocked.add(ops.describe(node) + " (" + describeKey(node) + " holds " + Values.describe(holds) + ")");
                blockedOps.add((long) ops.opIndex(node));
                state.put(describeKey(node), Values.describe(holds));
            }
        }
        String text = "no sequential order exists: the longest consistent prefix places " + prefix.size() + " of "
                + ops.size() + " operations, and after it no session's next operation can go: " + String.join("; ", blocked);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pattern", NOT_SEQUENTIAL);
        data.put("prefix", prefix.stream().map(node -> (Object) (long) ops.opIndex(node)).toList());
        data.put("blocked", blockedOps);
        data.put("state", state);
        List<Integer> indices = new ArrayList<>();
        blockedOps.forEach(index -> indices.add(((Long) index).intValue()));
        return new Anomaly(NOT_SEQUENTIAL, text, indices, data);
    }

    private String describeKey(int node) {
        Object key = ops.key(ops.keyId(node));
        return key == null ? "the register" : Values.describe(key);
    }
}
