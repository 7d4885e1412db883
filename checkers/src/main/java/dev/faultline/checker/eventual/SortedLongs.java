package dev.faultline.checker.eventual;

/** Binary search over a sorted array of longs, shared by the summaries and the staleness sweep. */
final class SortedLongs {
    private SortedLongs() {}

    /** How many elements of the ascending array are ≤ {@code value}. */
    static int countAtMost(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
