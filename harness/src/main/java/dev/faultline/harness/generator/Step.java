package dev.faultline.harness.generator;

/** A generator's answer when asked for its next operation (Jepsen's {@code op}). */
public sealed interface Step {

    /** The next operation, and the generator that follows it. */
    record Emit(PlannedOp op, Generator next) implements Step {}

    /**
     * No operation now: ask again after the next event, or at {@code wakeNanos} (run time) if no
     * event comes first; {@link Long#MAX_VALUE} means only an event can change the answer.
     */
    record Pending(Generator next, long wakeNanos) implements Step {}

    /** No operation ever again. */
    record Exhausted() implements Step {}

    Exhausted EXHAUSTED = new Exhausted();

    static Pending pendingUntilEvent(Generator next) {
        return new Pending(next, Long.MAX_VALUE);
    }
}
