package dev.faultline.checker.graph;

import dev.faultline.checker.CheckContext;

/**
 * Thrown when a check must stop before deciding: its time ran out, it was cancelled, or it would
 * need more memory than its limit. The message says which and how far the check got; the
 * checker answers {@code unknown} with it.
 */
public final class BudgetExhausted extends RuntimeException {
    public BudgetExhausted(String message) {
        super(message, null, false, false);
    }

    /**
     * Stops the check when the context says so.
     *
     * @param progress how far the check got, for the message, e.g. "after 1200 of 5000 reads"
     */
    public static void poll(CheckContext context, String progress) {
        if (context.isCancelled()) {
            throw new BudgetExhausted("cancelled " + progress);
        }
        if (context.isExpired()) {
            throw new BudgetExhausted("time limit of " + context.timeLimit().toMillis() + " ms reached " + progress);
        }
    }

    /** Stops the check when a structure of {@code bytes} would exceed the context's memory limit. */
    public static void reserve(CheckContext context, long bytes, String what) {
        if (bytes > context.memoryLimitBytes()) {
            throw new BudgetExhausted(what + " would take " + (bytes >> 20) + " MiB, over the memory limit of "
                    + (context.memoryLimitBytes() >> 20) + " MiB");
        }
    }
}
