package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model of one partition compiled for the search: calls interned to op classes, states to
 * ints, and every transition computed once and then read from a table (Knossos's
 * {@code model.memo}, Lincheck's lazy LTS). A step in the search loop is one table lookup.
 * Subclasses decide how states are represented: {@link InternedStates} interns the model's own
 * state objects, {@link ProductStates} keeps one component per key for {@link KeyedModel}.
 */
abstract class StateSpace {
    static final int ILLEGAL = -1;

    private final Model<?> model;
    private final Reservation reservation;
    private final List<Call> classes;
    private final Map<Call, Integer> classIds;
    private boolean[] readOnly = new boolean[16];
    private final LongIntTable transitions;

    /** @param expectedTransitions a first guess of the table size, so that small partitions allocate little */
    StateSpace(Model<?> model, int expectedTransitions, MemoryBudget budget) {
        this.model = model;
        this.reservation = new Reservation(budget);
        this.classes = new ArrayList<>(expectedTransitions);
        this.classIds = new HashMap<>(expectedTransitions * 2);
        this.transitions = new LongIntTable(expectedTransitions, reservation);
    }

    /** The state space for a partition of this model with these calls. */
    static StateSpace of(Model<?> model, List<Call> calls, MemoryBudget budget) {
        if (model instanceof KeyedModel<?> keyed) {
            long keys = calls.stream().map(Call::key).distinct().count();
            return new ProductStates(keyed, (int) keys, calls.size(), budget);
        }
        return new InternedStates<>(model, calls.size(), budget);
    }

    static int powerOfTwoAtLeast(int value) {
        return Integer.highestOneBit(Math.max(1, value) * 2 - 1);
    }

    /** The model whose calls and states these are; replays and witnesses use it directly. */
    Model<?> model() {
        return model;
    }

    abstract int initialState();

    abstract int stateCount();

    /** The state after the class's call, computed without the table; {@link #ILLEGAL} when illegal. */
    abstract int computeStep(int state, int opClass);

    /** The op class of a call, interning it on first sight. */
    int classOf(Call call) {
        Integer known = classIds.get(call);
        if (known != null) {
            return known;
        }
        int id = classes.size();
        classes.add(call);
        classIds.put(call, id);
        if (id == readOnly.length) {
            readOnly = Arrays.copyOf(readOnly, id * 2);
        }
        readOnly[id] = isReadOnly(call);
        classAdded(id, call);
        return id;
    }

    /** Lets a subclass index what it needs about a new class. */
    void classAdded(int opClass, Call call) {}

    @SuppressWarnings("unchecked")
    private boolean isReadOnly(Call call) {
        return ((Model<Object>) model).isReadOnly(call);
    }

    int classCount() {
        return classes.size();
    }

    Call call(int opClass) {
        return classes.get(opClass);
    }

    boolean isReadOnly(int opClass) {
        return readOnly[opClass];
    }

    /** The state after the class's call, or {@link #ILLEGAL}. */
    final int step(int state, int opClass) {
        long key = ((long) state << 32) | opClass;
        int slot = transitions.find(key);
        if (slot >= 0) {
            return transitions.valueAt(slot);
        }
        int target = computeStep(state, opClass);
        transitions.add(key, target);
        return target;
    }

    /** Reserves memory for a subclass's own structures. */
    final Reservation reservation() {
        return reservation;
    }

    /** Gives the budget back; the space must not be used after. */
    void release() {
        reservation.releaseAll();
    }

    /** MurmurHash3's 64-bit finaliser: spreads keys that differ in a few bits over the table. */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
