package dev.faultline.target.common.core;

/**
 * The node clock's two readings at one instant: the only notion of time a core gets. Both include
 * the faults the nemesis applied to this node (offset, strobe, rate); the host clock is never read
 * by a core.
 *
 * @param wallMicros microseconds since the Unix epoch, as the node's wall clock shows them (may
 *     jump, either way); microseconds because last-writer-wins stamps of two nodes on one host must
 *     order writes a millisecond apart or less as the host's clock does
 * @param monotonicNanos the node's monotonic clock in nanoseconds from an arbitrary origin; never
 *     decreases, may run fast or slow
 */
public record ClockReading(long wallMicros, long monotonicNanos) {
    private static final long MICROS_PER_MILLI = 1_000L;

    /** A reading whose wall clock stands exactly on {@code wallMillis}. */
    public static ClockReading ofMillis(long wallMillis, long monotonicNanos) {
        return new ClockReading(Math.multiplyExact(wallMillis, MICROS_PER_MILLI), monotonicNanos);
    }

    /** The wall clock in milliseconds since the Unix epoch (rounded down). */
    public long wallMillis() {
        return Math.floorDiv(wallMicros, MICROS_PER_MILLI);
    }
}
