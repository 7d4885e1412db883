package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * An open-addressing hash table from long keys to int values: linear probing, at most half full,
 * doubling when it fills, its arrays reserved from the memory budget before they are allocated.
 * No object per entry. Keys may repeat (the memo keeps every configuration whose hash collides);
 * callers probe with {@link #firstSlot} and {@link #nextSlot} and judge each slot themselves.
 */
final class LongIntTable {
    /** The key of an empty slot; {@link #key} maps a hash that happens to equal it elsewhere. */
    static final long EMPTY = Long.MIN_VALUE;
    private static final int SLOT_BYTES = 12;

    private final Reservation reservation;
    private long[] keys;
    private int[] values;
    private int count;

    LongIntTable(int expectedEntries, Reservation reservation) {
        this.reservation = reservation;
        allocate(StateSpace.powerOfTwoAtLeast(2 * Math.max(8, expectedEntries)));
    }

    /** A hash made usable as a key: never {@link #EMPTY}. */
    static long key(long hash) {
        return hash == EMPTY ? EMPTY + 1 : hash;
    }

    int size() {
        return count;
    }

    int firstSlot(long key) {
        return (int) StateSpace.mix(key) & (keys.length - 1);
    }

    int nextSlot(int slot) {
        return (slot + 1) & (keys.length - 1);
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    int valueAt(int slot) {
        return values[slot];
    }

    void setValueAt(int slot, int value) {
        values[slot] = value;
    }

    /** The slot of the first entry with this key, or -1. */
    int find(long key) {
        for (int slot = firstSlot(key); keys[slot] != EMPTY; slot = nextSlot(slot)) {
            if (keys[slot] == key) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Adds an entry, even when the key is present.
     *
     * @return its slot
     * @throws SearchStopped when growing would pass the memory budget
     */
    int add(long key, int value) {
        if ((count + 1) * 2 > keys.length) {
            long[] oldKeys = keys;
            int[] oldValues = values;
            allocate(oldKeys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    place(oldKeys[i], oldValues[i]);
                }
            }
            reservation.release((long) oldKeys.length * SLOT_BYTES);
        }
        count++;
        return place(key, value);
    }

    private int place(long key, int value) {
        int slot = firstSlot(key);
        while (keys[slot] != EMPTY) {
            slot = nextSlot(slot);
        }
        keys[slot] = key;
        values[slot] = value;
        return slot;
    }

    private void allocate(int slots) {
        reservation.reserve((long) slots * SLOT_BYTES);
        keys = new long[slots];
        Arrays.fill(keys, EMPTY);
        values = new int[slots];
    }
}
