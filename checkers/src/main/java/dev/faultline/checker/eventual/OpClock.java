package dev.faultline.checker.eventual;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.Operation;

/**
 * Durations between events: the history's own clock when every event carries a time, otherwise
 * positions in file order, which DESIGN.md §3 lets stand in for time. Which of the two happened
 * is reported as {@code timeUnit} in the statistics, so a plot labels its axis correctly.
 *
 * <p>Only durations come from here. Whether one event precedes another is always decided by
 * position (as Jepsen does with {@code :index}), because two events may carry the same time.
 */
final class OpClock {
    private final boolean nanos;

    private OpClock(boolean nanos) {
        this.nanos = nanos;
    }

    static OpClock of(History history) {
        return new OpClock(history.hasTimes());
    }

    /** {@code nanos} or {@code positions}. */
    String unit() {
        return nanos ? "nanos" : "positions";
    }

    long invoked(Operation operation) {
        return nanos ? operation.invokeTimeNanos() : operation.invocation();
    }

    /** The completion's time; only meaningful for an operation that completed. */
    long completed(Operation operation) {
        return nanos ? operation.completeTimeNanos() : operation.completion();
    }

    /** The time of the event at {@code position}. */
    long at(History history, int position) {
        Op event = history.get(position);
        return nanos ? event.timeNanos() : position;
    }
}
