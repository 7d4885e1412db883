package dev.faultline.checker.linear;

/**
 * What a search of one partition concluded. Op ids refer to the searched {@link CompiledPartition}.
 */
sealed interface SearchOutcome {
    /** How much work the search did: configurations entered, memo hits, dead ends. */
    record Stats(long configurations, long memoHits, long deadEnds, int memoEntries, int states, int chains) {}

    Stats stats();

    /** @param order a linearization: every op that completed, and some {@code info} ops */
    record Linearizable(int[] order, Stats stats) implements SearchOutcome {}

    /**
     * @param prefix the longest linearizable prefix found at the furthest dead end
     * @param blockingOp the op every extension of the prefix failed to linearize: the one whose
     *     return came first among the unlinearized
     */
    record NotLinearizable(int[] prefix, int blockingOp, Stats stats) implements SearchOutcome {}

    /**
     * @param reason which budget ran out, or that another partition failed first
     * @param prefix the longest prefix at the furthest dead end so far (may be empty)
     * @param blockingOp the op it was stuck on, or -1 before the first dead end
     */
    record Stopped(SearchStopped.Reason reason, int[] prefix, int blockingOp, Stats stats) implements SearchOutcome {}
}
