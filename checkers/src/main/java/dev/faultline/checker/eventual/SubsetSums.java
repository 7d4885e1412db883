package dev.faultline.checker.eventual;

import dev.faultline.checker.graph.UnsupportedHistoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values a counter may end at: a definite sum plus the sum of any subset of indeterminate
 * deltas, kept as sorted, disjoint, non-adjacent closed intervals (Maelstrom's pn-counter keeps a
 * range set the same way, notes §5.3). Adding a delta d maps the set S to S ∪ (S + d).
 *
 * <p>Deltas of very different sizes can double the interval count at each step, so the count is
 * bounded by {@value #INTERVALS_MAX}; past it the set is widened to its hull and marked inexact: a
 * value outside the hull is still certainly unacceptable, one inside can no longer be decided
 * ({@link Membership#UNDECIDED}).
 */
final class SubsetSums {
    static final int INTERVALS_MAX = 4096;

    private long[] lows;
    private long[] highs;
    private int size;
    private boolean exact = true;

    private SubsetSums(long value) {
        lows = new long[] {value};
        highs = new long[] {value};
        size = 1;
    }

    /**
     * @throws UnsupportedHistoryException when a sum leaves the range of a long
     */
    static SubsetSums of(long definiteSum, List<Long> indeterminateDeltas) {
        SubsetSums sums = new SubsetSums(definiteSum);
        for (long delta : indeterminateDeltas) {
            sums.add(delta);
        }
        return sums;
    }

    private void add(long delta) {
        if (delta == 0) {
            return;
        }
        long[] shiftedLows = new long[size];
        long[] shiftedHighs = new long[size];
        try {
            for (int i = 0; i < size; i++) {
                shiftedLows[i] = Math.addExact(lows[i], delta);
                shiftedHighs[i] = Math.addExact(highs[i], delta);
            }
        } catch (ArithmeticException e) {
            throw new UnsupportedHistoryException("the counter's possible values leave the range of a long");
        }
        merge(shiftedLows, shiftedHighs);
        if (size > INTERVALS_MAX) {
            lows = new long[] {lows[0]};
            highs = new long[] {highs[size - 1]};
            size = 1;
            exact = false;
        }
    }

    /** Merges the shifted copy into this set, coalescing overlapping and adjacent intervals. */
    private void merge(long[] otherLows, long[] otherHighs) {
        long[] mergedLows = new long[size * 2];
        long[] mergedHighs = new long[size * 2];
        int merged = 0;
        int mine = 0;
        int theirs = 0;
        while (mine < size || theirs < size) {
            boolean takeMine = theirs == size || mine < size && lows[mine] <= otherLows[theirs];
            long low = takeMine ? lows[mine] : otherLows[theirs];
            long high = takeMine ? highs[mine++] : otherHighs[theirs++];
            boolean touchesPrevious = merged > 0
                    && (low <= mergedHighs[merged - 1] || low - 1 == mergedHighs[merged - 1]);
            if (touchesPrevious) {
                mergedHighs[merged - 1] = Math.max(mergedHighs[merged - 1], high);
            } else {
                mergedLows[merged] = low;
                mergedHighs[merged] = high;
                merged++;
            }
        }
        lows = Arrays.copyOf(mergedLows, merged);
        highs = Arrays.copyOf(mergedHighs, merged);
        size = merged;
    }

    /** Whether a value is one of the sums: certainly, certainly not, or unknown after widening. */
    enum Membership { MEMBER, NOT_MEMBER, UNDECIDED }

    Membership membership(long value) {
        if (value < lows[0] || value > highs[size - 1]) {
            return Membership.NOT_MEMBER;
        }
        if (!exact) {
            return Membership.UNDECIDED;
        }
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (highs[middle] < value) {
                low = middle + 1;
            } else if (lows[middle] > value) {
                high = middle - 1;
            } else {
                return Membership.MEMBER;
            }
        }
        return Membership.NOT_MEMBER;
    }

    /** False once the set was widened to its hull. */
    boolean isExact() {
        return exact;
    }

    /** The intervals as {@code [[low, high], ...]}, at most {@code limit} of them. */
    List<Object> intervals(int limit) {
        List<Object> intervals = new ArrayList<>();
        for (int i = 0; i < Math.min(size, limit); i++) {
            intervals.add(List.of(lows[i], highs[i]));
        }
        return intervals;
    }

    int size() {
        return size;
    }
}
