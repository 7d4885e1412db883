package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * The configurations the search has entered (Lowe's cache): a configuration is the model state
 * plus one counter per chain (see {@link Chains}), which together name the set of linearized ops.
 * Entering a configuration twice can only repeat a search that already failed, so the search
 * skips it.
 *
 * <p>A {@link LongIntTable} of 64-bit hashes pointing into an int arena of {@code [state,
 * counter…]} records: no object per entry, and an exact comparison on every hash match, so a hash
 * collision never prunes a configuration that was not seen. The hash is incremental (Zobrist:
 * the XOR of a random key per linearized op, mixed with the state), so no step rehashes the set.
 * The arena grows in chunks of 4 MiB, so that it never copies itself and never needs twice its
 * size at once.
 */
final class Memo {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK_INTS = 1 << CHUNK_BITS;

    private final Reservation reservation;
    private final int width;
    private final LongIntTable offsets;
    /** Record offsets are {@code chunk << CHUNK_BITS | position}; a record never spans two chunks. */
    private int[][] chunks = new int[4][];
    private int chunkCount;
    private int chunkUsed;

    /**
     * @param chains how many counters a configuration holds
     * @param expectedEntries a first guess of the size, so that small partitions allocate little
     */
    Memo(int chains, int expectedEntries, MemoryBudget budget) {
        this.reservation = new Reservation(budget);
        this.width = chains + 1;
        this.offsets = new LongIntTable(expectedEntries, reservation);
        addChunk(Math.min(CHUNK_INTS, Math.max(width, expectedEntries * width)));
    }

    int size() {
        return offsets.size();
    }

    /**
     * Adds a configuration unless it is present.
     *
     * @param hash the configuration's hash
     * @return true when it was new
     * @throws SearchStopped when growing would pass the memory budget
     */
    boolean add(long hash, int state, int[] counters) {
        long key = LongIntTable.key(hash);
        for (int slot = offsets.firstSlot(key); offsets.keyAt(slot) != LongIntTable.EMPTY; slot = offsets.nextSlot(slot)) {
            if (offsets.keyAt(slot) == key && matches(offsets.valueAt(slot), state, counters)) {
                return false;
            }
        }
        offsets.add(key, append(state, counters));
        return true;
    }

    private boolean matches(int offset, int state, int[] counters) {
        int[] chunk = chunks[offset >>> CHUNK_BITS];
        int at = offset & (CHUNK_INTS - 1);
        if (chunk[at] != state) {
            return false;
        }
        for (int i = 1; i < width; i++) {
            if (chunk[at + i] != counters[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private int append(int state, int[] counters) {
        int[] chunk = chunks[chunkCount - 1];
        if (chunkUsed + width > chunk.length) {
            if (chunk.length < CHUNK_INTS) {
                // The first chunk was sized for a small partition; give it room to grow.
                int capacity = Math.min(CHUNK_INTS, Math.max(chunk.length * 2, chunkUsed + width));
                reservation.reserve((long) capacity * 4);
                chunks[chunkCount - 1] = Arrays.copyOf(chunk, capacity);
                reservation.release((long) chunk.length * 4);
            } else {
                addChunk(CHUNK_INTS);
            }
            chunk = chunks[chunkCount - 1];
        }
        int offset = ((chunkCount - 1) << CHUNK_BITS) | chunkUsed;
        chunk[chunkUsed] = state;
        System.arraycopy(counters, 0, chunk, chunkUsed + 1, width - 1);
        chunkUsed += width;
        return offset;
    }

    private void addChunk(int ints) {
        if (chunkCount == 1 << (31 - CHUNK_BITS)) {
            throw new SearchStopped(SearchStopped.Reason.MEMORY);
        }
        reservation.reserve((long) ints * 4);
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = new int[ints];
        chunkUsed = 0;
    }

    /** Gives the budget back; the memo must not be used after. */
    void release() {
        reservation.releaseAll();
        chunks = null;
    }
}
