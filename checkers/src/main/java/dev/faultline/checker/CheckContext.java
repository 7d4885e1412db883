package dev.faultline.checker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The limits a check runs under: a deadline on the monotonic clock, a memory limit, the number of
 * threads it may use, and a cancellation flag. A checker polls {@link #shouldStop()} in its loops
 * and answers {@link Validity#UNKNOWN} with the reason and how far it got, never hangs past the
 * deadline, and never lets an {@code OutOfMemoryError} escape.
 */
public final class CheckContext {
    /** The default time limit of a check. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(5);

    private final long startNanos;
    private final long deadlineNanos;
    private final Duration timeLimit;
    private final long memoryLimitBytes;
    private final int threads;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private CheckContext(Duration timeLimit, long memoryLimitBytes, int threads) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, was " + timeLimit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.startNanos = System.nanoTime();
        this.timeLimit = timeLimit;
        this.deadlineNanos = startNanos + Math.min(timeLimit.toNanos(), Long.MAX_VALUE / 4);
        this.memoryLimitBytes = memoryLimitBytes;
        this.threads = threads;
    }

    /**
     * @param timeLimit the wall time the check may take
     * @param memoryLimitBytes the heap the check may use for its own structures
     * @param threads how many threads the check may run at once
     */
    public static CheckContext of(Duration timeLimit, long memoryLimitBytes, int threads) {
        return new CheckContext(timeLimit, memoryLimitBytes, threads);
    }

    /** The default limits: 5 minutes, half the maximum heap, one thread per processor. */
    public static CheckContext defaults() {
        return withTimeLimit(DEFAULT_TIME_LIMIT);
    }

    /** Default memory and threads with the given time limit. */
    public static CheckContext withTimeLimit(Duration timeLimit) {
        return of(timeLimit, Runtime.getRuntime().maxMemory() / 2, Runtime.getRuntime().availableProcessors());
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    public long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    public int threads() {
        return threads;
    }

    /** Nanoseconds since the check began. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public boolean isExpired() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Asks every loop polling {@link #shouldStop()} to stop; for example when another partition failed. */
    public void cancel() {
        cancelled.set(true);
    }

    /** True when the check must stop now: cancelled, or past its deadline. */
    public boolean shouldStop() {
        return cancelled.get() || isExpired();
    }
}
