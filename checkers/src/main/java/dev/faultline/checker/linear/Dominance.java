package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * Configurations the search finished without success, kept so that a configuration with fewer
 * options can be skipped: if A and B have the same state and the same completed ops linearized,
 * and A has linearized no more {@code info} ops of any chain than B, then every way on from B
 * works from A too (A linearizes its own earlier chain heads, equal calls, where B linearizes
 * its; A's extra unlinearized {@code info} ops simply never happen). So when A failed, B fails.
 *
 * <p>This is what keeps crashed operations from making the search exponential: an {@code info}
 * op stays a candidate for ever, and without this rule every subset of them that leads to the
 * same state is explored again. Only finished configurations count; the memo handles exact
 * repeats. Per group of (state, completed-op counters) it keeps an antichain of {@code info}
 * counter vectors: recording one removes the vectors it dominates.
 */
final class Dominance {
    private static final int NONE = -1;
    private static final long EMPTY = 0;

    private final MemoryBudget budget;
    private final int finite;
    private final int info;
    /** Entry layout in the arena: next entry, state, finite counters…, info counters…. */
    private final int width;
    private long[] keys;
    private int[] heads;
    private int groups;
    private int[] arena;
    private int used;
    private long reservedBytes;

    Dominance(int finiteChains, int infoChains, MemoryBudget budget) {
        this.budget = budget;
        this.finite = finiteChains;
        this.info = infoChains;
        this.width = 2 + finiteChains + infoChains;
        allocateTable(16);
        reserve(64L * width * 4);
        arena = new int[64 * width];
    }

    /** True when a finished configuration with this state and these counters dominates them. */
    boolean dominated(long groupHash, int state, int[] counters) {
        int slot = find(groupKey(groupHash));
        if (slot < 0) {
            return false;
        }
        for (int entry = heads[slot]; entry != NONE; entry = arena[entry]) {
            if (sameGroup(entry, state, counters) && infoAtMost(entry, counters)) {
                return true;
            }
        }
        return false;
    }

    /** Records a configuration the search finished without success. */
    void failed(long groupHash, int state, int[] counters) {
        long key = groupKey(groupHash);
        int slot = find(key);
        if (slot < 0) {
            slot = insertGroup(key);
        }
        int previous = NONE;
        for (int entry = heads[slot]; entry != NONE; entry = arena[entry]) {
            if (sameGroup(entry, state, counters) && infoAtLeast(entry, counters)) {
                if (previous == NONE) {
                    heads[slot] = arena[entry];
                } else {
                    arena[previous] = arena[entry];
                }
            } else {
                previous = entry;
            }
        }
        int entry = append(state, counters);
        arena[entry] = heads[slot];
        heads[slot] = entry;
    }

    private boolean sameGroup(int entry, int state, int[] counters) {
        if (arena[entry + 1] != state) {
            return false;
        }
        for (int chain = 0; chain < finite; chain++) {
            if (arena[entry + 2 + chain] != counters[chain]) {
                return false;
            }
        }
        return true;
    }

    private boolean infoAtMost(int entry, int[] counters) {
        for (int chain = finite; chain < finite + info; chain++) {
            if (arena[entry + 2 + chain] > counters[chain]) {
                return false;
            }
        }
        return true;
    }

    private boolean infoAtLeast(int entry, int[] counters) {
        for (int chain = finite; chain < finite + info; chain++) {
            if (arena[entry + 2 + chain] < counters[chain]) {
                return false;
            }
        }
        return true;
    }

    private int append(int state, int[] counters) {
        if (used + width > arena.length) {
            // Reserve the new array whole: the old one lives until the copy is done.
            int capacity = arena.length + (arena.length >> 1) + width;
            reserve((long) capacity * 4);
            int[] grown = Arrays.copyOf(arena, capacity);
            release((long) arena.length * 4);
            arena = grown;
        }
        int entry = used;
        arena[entry + 1] = state;
        System.arraycopy(counters, 0, arena, entry + 2, finite + info);
        used += width;
        return entry;
    }

    private static long groupKey(long groupHash) {
        return groupHash == EMPTY ? 1 : groupHash;
    }

    private int find(long key) {
        int mask = keys.length - 1;
        int slot = (int) StateSpace.mix(key) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int insertGroup(long key) {
        if ((groups + 1) * 2 > keys.length) {
            long[] oldKeys = keys;
            int[] oldHeads = heads;
            allocateTable(oldKeys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    heads[place(oldKeys[i])] = oldHeads[i];
                }
            }
            release(oldKeys.length * 12L);
        }
        int slot = place(key);
        heads[slot] = NONE;
        groups++;
        return slot;
    }

    private int place(long key) {
        int mask = keys.length - 1;
        int slot = (int) StateSpace.mix(key) & mask;
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        return slot;
    }

    private void allocateTable(int slots) {
        reserve(slots * 12L);
        keys = new long[slots];
        heads = new int[slots];
    }

    private void reserve(long bytes) {
        budget.reserve(bytes);
        reservedBytes += bytes;
    }

    private void release(long bytes) {
        budget.release(bytes);
        reservedBytes -= bytes;
    }

    void release() {
        budget.release(reservedBytes);
        reservedBytes = 0;
    }
}
