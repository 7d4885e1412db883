package dev.faultline.harness.run;

/**
 * The run's one clock: nanoseconds since the run started, on the controller's monotonic clock.
 * Every time in {@code history.jsonl} and {@code faults.jsonl} comes from it (DESIGN.md §3).
 */
public final class RunClock {
    private final long originNanos = System.nanoTime();

    public long nanos() {
        return System.nanoTime() - originNanos;
    }
}
