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

    private final Reservation reservation;
    private final int finite;
    private final int info;
    /** Entry layout in the arena: next entry, state, finite counters…, info counters…. */
    private final int width;
    /** Group hash → first entry of the group's list. */
    private final LongIntTable groups;
    private int[] arena;
    private int used;

    Dominance(int finiteChains, int infoChains, MemoryBudget budget) {
        this.reservation = new Reservation(budget);
        this.finite = finiteChains;
        this.info = infoChains;
        this.width = 2 + finiteChains + infoChains;
        this.groups = new LongIntTable(16, reservation);
        reservation.reserve(64L * width * 4);
        arena = new int[64 * width];
    }

    /** True when a finished configuration with this state and these counters dominates them. */
    boolean dominated(long groupHash, int state, int[] counters) {
        int slot = groups.find(LongIntTable.key(groupHash));
        if (slot < 0) {
            return false;
        }
        for (int entry = groups.valueAt(slot); entry != NONE; entry = arena[entry]) {
            if (sameGroup(entry, state, counters) && infoAtMost(entry, counters)) {
                return true;
            }
        }
        return false;
    }

    /** Records a configuration the search finished without success. */
    void failed(long groupHash, int state, int[] counters) {
        long key = LongIntTable.key(groupHash);
        int slot = groups.find(key);
        if (slot < 0) {
            slot = groups.add(key, NONE);
        }
        int previous = NONE;
        for (int entry = groups.valueAt(slot); entry != NONE; entry = arena[entry]) {
            if (sameGroup(entry, state, counters) && infoAtLeast(entry, counters)) {
                if (previous == NONE) {
                    groups.setValueAt(slot, arena[entry]);
                } else {
                    arena[previous] = arena[entry];
                }
            } else {
                previous = entry;
            }
        }
        int entry = append(state, counters);
        arena[entry] = groups.valueAt(slot);
        groups.setValueAt(slot, entry);
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
            reservation.reserve((long) capacity * 4);
            int[] grown = Arrays.copyOf(arena, capacity);
            reservation.release((long) arena.length * 4);
            arena = grown;
        }
        int entry = used;
        arena[entry + 1] = state;
        System.arraycopy(counters, 0, arena, entry + 2, finite + info);
        used += width;
        return entry;
    }

    void release() {
        reservation.releaseAll();
    }
}
