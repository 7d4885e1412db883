package dev.faultline.harness.generator;

import java.util.Objects;

/**
 * An operation a generator wants a worker thread to invoke, no sooner than {@code timeNanos}
 * (run time). The runner turns it into an invocation of the thread's current process.
 *
 * @param thread the worker thread, from 0; it must be free when the op is emitted
 * @param timeNanos the earliest time to invoke it; a time in the future makes the runner wait
 * @param f the function: read, write, cas, add, append
 * @param key the object it touches, or null for single-object workloads
 * @param value the argument; null for reads
 * @param finalRead true for the reads of the final phase
 */
public record PlannedOp(int thread, long timeNanos, String f, Object key, Object value, boolean finalRead) {
    public PlannedOp {
        Objects.requireNonNull(f, "f");
        if (thread < 0) {
            throw new IllegalArgumentException("thread must be >= 0, was " + thread);
        }
    }

    /** The op for a thread at a time, from a template. */
    public static PlannedOp of(int thread, long timeNanos, OpTemplate template) {
        return new PlannedOp(thread, timeNanos, template.f(), template.key(), template.value(), template.finalRead());
    }

    public PlannedOp withTime(long newTimeNanos) {
        return new PlannedOp(thread, newTimeNanos, f, key, value, finalRead);
    }
}
