package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in O(n log n) and without searching, violations of a register with reads, writes and
 * CAS whose produced values are unique (no two writes or CAS install the same value, and none
 * installs the initial one): stale reads and their generalisations through CAS chains. It only
 * ever claims a violation; when it finds none, the search decides. Jepsen users expect a stale
 * read of such a register to be found in seconds at any length, while the search may run out
 * of memory first (Porcupine and Knossos too: the note's crashed-write table).
 *
 * <p><b>Why it is sound.</b> Fix a linearization L. Every op that changes the state installs its
 * own value, which nobody installs again, so the ops that see value v (its <em>observers</em>:
 * reads returning v, CAS expecting v) all lie between v's producer and the next change, and a
 * CAS {@code [v w]} that took effect is that next change. Chaining values through CAS that
 * surely took effect gives <em>chains</em> v0 → v1 → … → vk (the head installed by a write, or
 * the initial value at −∞), and in L each chain's ops fill one stretch that the others' do not
 * enter: at most its first and last op are shared with a neighbour. Hence:
 * <ol>
 *   <li><b>Within a chain</b> the ops are ordered by level: producer of v_i, then the reads of
 *       v_i, then the CAS to v_{i+1}. An op that returned before an op of a lower level was
 *       invoked is a violation (a read that returned before its write began; a read of v_i after
 *       the CAS from v_i completed).
 *   <li><b>Between chains</b>, with f the earliest return and s the latest invocation of a
 *       chain's ops, f(A) &lt; s(B) and f(B) &lt; s(A) is a violation: an op of A precedes one
 *       of B in real time, so A's stretch comes first; one of B precedes one of A, so B's comes
 *       first ({@link ZoneConflicts}; Gibbons and Korach's zones, with chains for clusters). A
 *       stale read is the simplest case: write v completes, write w then starts and completes,
 *       and a later read returns v.
 *   <li>Two CAS that both took effect and expect the same value, or CAS that take each other's
 *       values in a cycle, are violations.
 * </ol>
 * Which ops surely took effect: every {@code ok} write and CAS, and an {@code info} one whose value
 * something that surely took effect observed (it is the value's only producer); an {@code info}
 * op may take effect at any time after its invocation or never, so one nobody observes is left
 * out, which can only hide a violation. A failed CAS either did not happen or, under
 * {@link Semantics.FailedCas#COMPARE_FAILED}, only compared: it changes nothing and is ignored.
 *
 * <p><b>Witness.</b> The few ops that conflict, with the chain of producers each needs (and, for an
 * {@code info} one, the {@code ok} op that proves it took effect): a sub-history that is by itself
 * not linearizable, for the search to explain.
 */
final class StaleReads {
    /** A violation: the op ids of a non-linearizable sub-history, in id order, and what is wrong. */
    record Finding(int[] ops, String reason) {}

    /** The producer of the initial value, which takes effect at −∞ before every op. */
    private static final int INITIAL_WRITE = -1;
    private static final int MINUS_INFINITY = -1;
    private static final int NONE = -1;

    private StaleReads() {}

    /** A violation, or null: none found, or the partition is not a register with unique produced values. */
    static Finding find(CompiledPartition partition) {
        if (!(partition.model() instanceof ValueRegister register)) {
            return null;
        }
        Lineage lineage = Lineage.of(partition, register);
        return lineage == null ? null : lineage.check();
    }

    /** The values of one partition, who produced and observed each, and the chains they form. */
    private static final class Lineage {
        private final CompiledPartition partition;
        private final int valueCount;
        /** Per value: the op that installs it ({@link #INITIAL_WRITE} for the initial value). */
        private final int[] producer;
        /** Per value installed by a CAS: the value that CAS expects, or {@link #NONE}. */
        private final int[] expected;
        /** Per value: some {@code ok} read or CAS that observed it, or {@link #NONE}. */
        private final int[] okObserver;
        /** Per op: the value it installs, or, for a read, the value it returned; else {@link #NONE}. */
        private final int[] valueOf;
        private final boolean[] isRead;
        private boolean[] tookEffect;
        /** Per value that surely took effect: the value before it in its chain, or {@link #NONE} at a head. */
        private int[] previous;
        /** Per value: the CAS that surely took effect and expects it, or {@link #NONE}. */
        private int[] next;
        /** Set when two CAS from one value took effect and one is {@code info}: no finding then. */
        private boolean ambiguous;

        private Lineage(CompiledPartition partition, int valueCount) {
            this.partition = partition;
            this.valueCount = valueCount;
            this.producer = new int[valueCount];
            this.expected = new int[valueCount];
            this.okObserver = new int[valueCount];
            Arrays.fill(expected, NONE);
            Arrays.fill(okObserver, NONE);
            this.valueOf = new int[partition.size];
            this.isRead = new boolean[partition.size];
            Arrays.fill(valueOf, NONE);
        }

        /** Null unless every produced value is unique (and no CAS sets the value it expects). */
        static Lineage of(CompiledPartition partition, ValueRegister register) {
            Map<Object, Integer> ids = new HashMap<>();
            ids.put(register.initialState(), 0);
            for (int op = 0; op < partition.size; op++) {
                Call call = partition.ops[op].call();
                ValueRegister.Kind kind = register.kind(call);
                Object produced;
                if (kind == ValueRegister.Kind.APPEND) {
                    return null;
                } else if (kind == ValueRegister.Kind.WRITE) {
                    produced = register.stateOf(call.input());
                } else if (kind == ValueRegister.Kind.CAS && call.outcome() != OpType.FAIL) {
                    produced = casValue(register, call, 1);
                    if (produced.equals(casValue(register, call, 0))) {
                        return null;
                    }
                } else {
                    continue;
                }
                if (ids.putIfAbsent(produced, ids.size()) != null) {
                    return null;
                }
            }
            Lineage lineage = new Lineage(partition, ids.size());
            lineage.producer[0] = INITIAL_WRITE;
            for (int op = 0; op < partition.size; op++) {
                lineage.add(op, partition.ops[op].call(), register, ids);
            }
            return lineage;
        }

        private static Object casValue(ValueRegister register, Call call, int index) {
            return register.stateOf(((List<?>) call.input()).get(index));
        }

        private void add(int op, Call call, ValueRegister register, Map<Object, Integer> ids) {
            boolean ok = call.outcome() == OpType.OK;
            switch (register.kind(call)) {
                case WRITE -> {
                    valueOf[op] = ids.get(register.stateOf(call.input()));
                    producer[valueOf[op]] = op;
                }
                case CAS -> {
                    if (call.outcome() == OpType.FAIL) {
                        return;
                    }
                    int installed = ids.get(casValue(register, call, 1));
                    valueOf[op] = installed;
                    producer[installed] = op;
                    Integer before = ids.get(casValue(register, call, 0));
                    expected[installed] = before == null ? NONE : before;
                    if (ok && before != null) {
                        observe(before, op);
                    }
                }
                case READ -> {
                    Integer read = ok ? ids.get(register.stateOf(call.output())) : null;
                    if (read != null) {
                        valueOf[op] = read;
                        isRead[op] = true;
                        observe(read, op);
                    }
                }
                default -> throw new IllegalStateException("appends were ruled out");
            }
        }

        private void observe(int value, int op) {
            if (okObserver[value] == NONE) {
                okObserver[value] = op;
            }
        }

        private boolean isOk(int op) {
            return op >= 0 && partition.returnRank[op] != EventRanks.NEVER;
        }

        private boolean isCas(int op) {
            return op >= 0 && !isRead[op] && expected[valueOf[op]] != NONE;
        }

        Finding check() {
            markTookEffect();
            Finding found = link();
            if (found != null || ambiguous) {
                return found;
            }
            int[] depth = new int[valueCount];
            int[] chainOf = new int[valueCount];
            found = chains(depth, chainOf);
            if (found != null) {
                return found;
            }
            found = withinChains(depth, chainOf);
            return found != null ? found : betweenChains(chainOf);
        }

        /**
         * The initial value, values with an {@code ok} producer, and values something observed
         * (their producer is the only one), and through {@code info} CAS that took effect, the
         * values they expected.
         */
        private void markTookEffect() {
            tookEffect = new boolean[valueCount];
            tookEffect[0] = true;
            for (int value = 1; value < valueCount; value++) {
                tookEffect[value] = isOk(producer[value]);
            }
            for (int value = 0; value < valueCount; value++) {
                if (okObserver[value] == NONE) {
                    continue;
                }
                tookEffect[value] = true;
                // An ok CAS observes its expected value itself; an info one only through what it installed.
                int at = value;
                for (int steps = 0; steps < valueCount && isCas(producer[at]) && !isOk(producer[at]); steps++) {
                    at = expected[at];
                    if (tookEffect[at]) {
                        break;
                    }
                    tookEffect[at] = true;
                }
            }
        }

        /** Links each value that took effect to the one its CAS expected; two CAS from one value are a violation. */
        private Finding link() {
            previous = new int[valueCount];
            next = new int[valueCount];
            Arrays.fill(previous, NONE);
            Arrays.fill(next, NONE);
            for (int value = 1; value < valueCount; value++) {
                int cas = producer[value];
                if (!tookEffect[value] || !isCas(cas)) {
                    continue;
                }
                int before = expected[value];
                previous[value] = before;
                if (next[before] == NONE) {
                    next[before] = cas;
                    continue;
                }
                if (!isOk(cas) || !isOk(next[before])) {
                    // Proving that an info CAS took effect needs an unambiguous chain: leave it to the search.
                    ambiguous = true;
                    return null;
                }
                Witness witness = new Witness();
                witness.addWithChain(cas);
                witness.addWithChain(next[before]);
                return witness.finding("two compare-and-sets both took the register from the same value");
            }
            return null;
        }

        /** Each value's depth in its chain and its chain (named by the head value); a cycle is a violation. */
        private Finding chains(int[] depth, int[] chainOf) {
            Arrays.fill(depth, NONE);
            int[] path = new int[valueCount];
            for (int value = 0; value < valueCount; value++) {
                int length = 0;
                int at = value;
                while (at != NONE && depth[at] == NONE) {
                    if (length == valueCount) {
                        return cycle(at);
                    }
                    path[length++] = at;
                    at = previous[at];
                }
                int baseDepth = at == NONE ? -1 : depth[at];
                int chain = at == NONE ? path[length - 1] : chainOf[at];
                for (int i = length - 1; i >= 0; i--) {
                    depth[path[i]] = baseDepth + (length - i);
                    chainOf[path[i]] = chain;
                }
            }
            return null;
        }

        /** The CAS of a cycle that {@code value} leads into, and an ok op that needs one of them. */
        private Finding cycle(int value) {
            int start = value;
            for (int i = 0; i < valueCount; i++) {
                start = previous[start];
            }
            Witness witness = new Witness();
            int at = start;
            do {
                witness.add(producer[at]);
                if (okObserver[at] != NONE && isRead[okObserver[at]]) {
                    witness.add(okObserver[at]);
                }
                at = previous[at];
            } while (at != start);
            return witness.finding("compare-and-sets take each other's values in a cycle, so none can go first");
        }

        /** The level of an op within its chain (producer 2d, reads 2d + 1), or {@link #NONE} when it constrains nothing. */
        private int level(int op, int[] depth) {
            int value = valueOf[op];
            if (value == NONE || !tookEffect[value]) {
                return NONE;
            }
            return 2 * depth[value] + (isRead[op] ? 1 : 0);
        }

        /** Rule 1: an op that returned before an op of a lower level of its chain was invoked. */
        private Finding withinChains(int[] depth, int[] chainOf) {
            int[] opsByChain = byChain(chainOf, depth);
            int from = 0;
            while (from < opsByChain.length) {
                int to = from;
                int chain = chainOf[valueOf[opsByChain[from]]];
                while (to < opsByChain.length && chainOf[valueOf[opsByChain[to]]] == chain) {
                    to++;
                }
                Finding found = withinChain(opsByChain, from, to, depth);
                if (found != null) {
                    return found;
                }
                from = to;
            }
            return null;
        }

        private Finding withinChain(int[] ops, int from, int to, int[] depth) {
            int latestCallBelow = MINUS_INFINITY;
            int latestCallerBelow = NONE;
            int group = from;
            while (group < to) {
                int level = level(ops[group], depth);
                int end = group;
                while (end < to && level(ops[end], depth) == level) {
                    int op = ops[end++];
                    if (partition.returnRank[op] < latestCallBelow) {
                        Witness witness = new Witness();
                        witness.addWithChain(latestCallerBelow);
                        witness.addWithChain(op);
                        return witness.finding("a value was observed after the compare-and-set that replaced it had completed,"
                                + " or before the operation that wrote it began");
                    }
                }
                for (int i = group; i < end; i++) {
                    if (partition.callRank[ops[i]] > latestCallBelow) {
                        latestCallBelow = partition.callRank[ops[i]];
                        latestCallerBelow = ops[i];
                    }
                }
                group = end;
            }
            return null;
        }

        /** The ops that constrain something, grouped by chain, by level within a chain. */
        private int[] byChain(int[] chainOf, int[] depth) {
            long[] keys = new long[partition.size];
            int count = 0;
            for (int op = 0; op < partition.size; op++) {
                int level = level(op, depth);
                if (level != NONE) {
                    keys[count++] = ((long) chainOf[valueOf[op]] << 32) | op;
                }
            }
            Arrays.sort(keys, 0, count);
            int from = 0;
            while (from < count) {
                int to = from;
                long chain = keys[from] >>> 32;
                while (to < count && (keys[to] >>> 32) == chain) {
                    int op = (int) keys[to];
                    keys[to++] = ((long) level(op, depth) << 32) | op;
                }
                Arrays.sort(keys, from, to);
                from = to;
            }
            int[] ops = new int[count];
            for (int i = 0; i < count; i++) {
                ops[i] = (int) keys[i];
            }
            return ops;
        }

        /** Rule 2: two chains each with an op that returned before an op of the other was invoked. */
        private Finding betweenChains(int[] chainOf) {
            int[] earliestReturn = new int[valueCount];
            int[] latestCall = new int[valueCount];
            int[] firstToReturn = new int[valueCount];
            int[] lastToCall = new int[valueCount];
            Arrays.fill(earliestReturn, EventRanks.NEVER);
            Arrays.fill(latestCall, MINUS_INFINITY);
            Arrays.fill(firstToReturn, NONE);
            Arrays.fill(lastToCall, NONE);
            earliestReturn[0] = MINUS_INFINITY;
            for (int op = 0; op < partition.size; op++) {
                int value = valueOf[op];
                if (value == NONE || !tookEffect[value]) {
                    continue;
                }
                int chain = chainOf[value];
                if (partition.returnRank[op] < earliestReturn[chain]) {
                    earliestReturn[chain] = partition.returnRank[op];
                    firstToReturn[chain] = op;
                }
                if (partition.callRank[op] > latestCall[chain]) {
                    latestCall[chain] = partition.callRank[op];
                    lastToCall[chain] = op;
                }
            }
            ZoneConflicts.Conflict conflict = ZoneConflicts.find(earliestReturn, latestCall, valueCount);
            if (conflict == null) {
                return null;
            }
            Witness witness = new Witness();
            for (int chain : new int[] {conflict.held(), conflict.other()}) {
                witness.addWithChain(firstToReturn[chain]);
                witness.addWithChain(lastToCall[chain]);
            }
            return witness.finding("a value was observed after another value had replaced it"
                    + " (each has an operation that returned before one of the other's was invoked)");
        }

        /** The ops of a finding, each with what it needs to be a violation on its own. */
        private final class Witness {
            private final boolean[] included = new boolean[partition.size];

            void add(int op) {
                if (op >= 0) {
                    included[op] = true;
                }
            }

            /**
             * The op, the producers of its value's chain back to the head, and for an {@code info}
             * producer an {@code ok} op later in its chain that could not have happened without it.
             */
            void addWithChain(int op) {
                if (op < 0) {
                    return;
                }
                add(op);
                int value = valueOf[op];
                if (!isOk(op)) {
                    for (int steps = 0; okObserver[value] == NONE && next[value] != NONE && steps < valueCount; steps++) {
                        value = valueOf[next[value]];
                    }
                    add(okObserver[value]);
                }
                for (int steps = 0; value != NONE && steps < valueCount; steps++) {
                    add(producer[value]);
                    value = previous[value];
                }
            }

            Finding finding(String reason) {
                int count = 0;
                int[] ops = new int[partition.size];
                for (int op = 0; op < partition.size; op++) {
                    if (included[op]) {
                        ops[count++] = op;
                    }
                }
                return new Finding(Arrays.copyOf(ops, count), reason);
            }
        }
    }
}
