package dev.faultline.nemesis.agent;

/**
 * A node's clock as its agent sees it.
 *
 * @param offsetMillis the wall-clock offset from bumps (without the strobe)
 * @param rate the clocks' speed relative to real time
 * @param strobe the strobe in progress, or null
 * @param wallMillis the node's wall clock when the status was taken
 * @param monotonicNanos the node's monotonic clock when the status was taken
 */
public record ClockStatus(long offsetMillis, double rate, ClockStrobe strobe, long wallMillis, long monotonicNanos) {}
