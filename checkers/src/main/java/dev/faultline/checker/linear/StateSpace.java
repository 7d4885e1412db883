package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model of one partition compiled for the search: states interned to ints, calls interned to
 * op classes, and every transition computed once and then read from a table (Knossos's
 * {@code model.memo} and Lincheck's lazy LTS). A step in the search loop is one table lookup.
 *
 * @param <S> the model's state type
 */
final class StateSpace<S> {
    static final int ILLEGAL = -1;
    private static final long EMPTY = -1L;
    /** A rough size of one interned state and its map entry, for the memory budget. */
    private static final long STATE_BYTES = 96;

    private final Model<S> model;
    private final MemoryBudget budget;
    private final Map<S, Integer> stateIds = new HashMap<>();
    private final List<S> states = new ArrayList<>();
    private final List<Call> classes = new ArrayList<>();
    private final Map<Call, Integer> classIds = new HashMap<>();
    private boolean[] readOnly = new boolean[16];
    private long[] transitionKeys;
    private int[] transitionTargets;
    private int transitionCount;
    private long reservedBytes;

    StateSpace(Model<S> model, MemoryBudget budget) {
        this.model = model;
        this.budget = budget;
        allocateTransitions(1024);
        intern(model.initialState());
    }

    Model<S> model() {
        return model;
    }

    /** The initial state's id. */
    int initialState() {
        return 0;
    }

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
        readOnly[id] = model.isReadOnly(call);
        return id;
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

    S state(int id) {
        return states.get(id);
    }

    int stateCount() {
        return states.size();
    }

    /** The state after the class's call, or {@link #ILLEGAL}. */
    int step(int state, int opClass) {
        long key = ((long) state << 32) | opClass;
        int mask = transitionKeys.length - 1;
        int slot = (int) mix(key) & mask;
        while (true) {
            long found = transitionKeys[slot];
            if (found == key) {
                return transitionTargets[slot];
            }
            if (found == EMPTY) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        S next = model.step(states.get(state), classes.get(opClass));
        int target = next == null ? ILLEGAL : intern(next);
        insert(key, target);
        return target;
    }

    private int intern(S state) {
        Integer known = stateIds.get(state);
        if (known != null) {
            return known;
        }
        reserve(STATE_BYTES);
        int id = states.size();
        states.add(state);
        stateIds.put(state, id);
        return id;
    }

    private void insert(long key, int target) {
        if ((transitionCount + 1) * 2 > transitionKeys.length) {
            long[] oldKeys = transitionKeys;
            int[] oldTargets = transitionTargets;
            allocateTransitions(oldKeys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    place(oldKeys[i], oldTargets[i]);
                }
            }
            budget.release(oldKeys.length * 12L);
            reservedBytes -= oldKeys.length * 12L;
        }
        place(key, target);
        transitionCount++;
    }

    private void place(long key, int target) {
        int mask = transitionKeys.length - 1;
        int slot = (int) mix(key) & mask;
        while (transitionKeys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        transitionKeys[slot] = key;
        transitionTargets[slot] = target;
    }

    private void allocateTransitions(int capacity) {
        reserve(capacity * 12L);
        transitionKeys = new long[capacity];
        Arrays.fill(transitionKeys, EMPTY);
        transitionTargets = new int[capacity];
    }

    private void reserve(long bytes) {
        budget.reserve(bytes);
        reservedBytes += bytes;
    }

    /** Gives the budget back; the space must not be used after. */
    void release() {
        budget.release(reservedBytes);
        reservedBytes = 0;
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
