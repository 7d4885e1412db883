package dev.faultline.checker.linear;

/** The bytes one search structure holds from the shared {@link MemoryBudget}, so that it can give them all back. */
final class Reservation {
    private final MemoryBudget budget;
    private long bytes;

    Reservation(MemoryBudget budget) {
        this.budget = budget;
    }

    /** @throws SearchStopped when the budget is spent */
    void reserve(long more) {
        budget.reserve(more);
        bytes += more;
    }

    void release(long fewer) {
        budget.release(fewer);
        bytes -= fewer;
    }

    void releaseAll() {
        budget.release(bytes);
        bytes = 0;
    }
}
