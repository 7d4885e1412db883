package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * The sweep at the heart of Gibbons and Korach's zone check, shared by {@link ZoneCheck} and
 * {@link StaleReads}. Each group of operations (a value's cluster, or a chain of values) has f,
 * its earliest return, and s, its latest invocation. Two groups conflict when f(A) &lt; s(B) and
 * f(B) &lt; s(A): an op of each returns before an op of the other is invoked, so neither group
 * can come wholly before the other. When f &lt; s the group spans the forward zone [f, s];
 * otherwise its backward zone [s, f] is one instant it could take effect at. A conflict is two
 * overlapping forward zones or a backward zone inside a forward one (two backward zones never
 * conflict), which one sort and one binary search per group find in O(n log n).
 */
final class ZoneConflicts {
    /**
     * Two conflicting groups.
     *
     * @param held a group with a forward zone
     * @param other the group that conflicts with it
     * @param bothForward whether the other's zone is forward too (else it is backward, inside)
     */
    record Conflict(int held, int other, boolean bothForward) {}

    private ZoneConflicts() {}

    /**
     * @param earliestReturn per group, f (ranks; -1 stands for −∞)
     * @param latestCall per group, s
     * @param count how many groups the arrays hold
     * @return a conflict, or null when no two groups conflict
     */
    static Conflict find(int[] earliestReturn, int[] latestCall, int count) {
        // Forward zone of group g is [earliestReturn[g], latestCall[g]], sorted by its left end.
        long[] forward = new long[count];
        int forwardCount = 0;
        for (int group = 0; group < count; group++) {
            if (earliestReturn[group] < latestCall[group]) {
                forward[forwardCount++] = ((long) (earliestReturn[group] + 1) << 32) | group;
            }
        }
        Arrays.sort(forward, 0, forwardCount);
        int[] lefts = new int[forwardCount];
        for (int i = 0; i < forwardCount; i++) {
            lefts[i] = earliestReturn[(int) forward[i]];
            if (i > 0 && lefts[i] < latestCall[(int) forward[i - 1]]) {
                return new Conflict((int) forward[i - 1], (int) forward[i], true);
            }
        }
        // Backward zone of group g is [latestCall[g], earliestReturn[g]]: inside a forward zone?
        for (int group = 0; group < count; group++) {
            if (earliestReturn[group] < latestCall[group]) {
                continue;
            }
            int index = Arrays.binarySearch(lefts, latestCall[group]);
            int candidate = (index >= 0 ? index : -index - 1) - 1;
            if (candidate >= 0) {
                int around = (int) forward[candidate];
                if (earliestReturn[group] < latestCall[around]) {
                    return new Conflict(around, group, false);
                }
            }
        }
        return null;
    }
}
