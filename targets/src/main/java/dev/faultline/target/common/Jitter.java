package dev.faultline.target.common;

import java.util.random.RandomGenerator;

/** A mean delay plus a uniform jitter either way, the way link and disk faults spread their delays. */
public final class Jitter {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private Jitter() {}

    /**
     * {@code meanMillis} plus a uniform draw in {@code [-jitterMillis, +jitterMillis]}, in
     * nanoseconds and never below zero; draws from {@code random} only when there is jitter, so
     * faults without it leave the random sequence alone.
     */
    public static long nanos(long meanMillis, long jitterMillis, RandomGenerator random) {
        long delay = meanMillis * NANOS_PER_MILLI;
        long jitter = jitterMillis * NANOS_PER_MILLI;
        if (jitter > 0) {
            delay += random.nextLong(-jitter, jitter + 1);
        }
        return Math.max(0, delay);
    }
}
