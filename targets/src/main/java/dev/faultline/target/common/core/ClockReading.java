package dev.faultline.target.common.core;

/**
 * The node clock's two readings at one instant: the only notion of time a core gets. Both include
 * the faults the nemesis applied to this node (offset, strobe, rate); the host clock is never read
 * by a core.
 *
 * @param wallMillis milliseconds since the Unix epoch, as the node's wall clock shows them (may
 *     jump, either way)
 * @param monotonicNanos the node's monotonic clock in nanoseconds from an arbitrary origin; never
 *     decreases, may run fast or slow
 */
public record ClockReading(long wallMillis, long monotonicNanos) {}
