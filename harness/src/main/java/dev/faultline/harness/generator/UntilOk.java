package dev.faultline.harness.generator;

import dev.faultline.history.OpType;

/**
 * One operation, invoked again after each completion that is not {@code ok} until one is, at most
 * {@code attemptsLeft} times in all, each retry no sooner than {@code retryDelayNanos} after the
 * failed attempt completed (Jepsen's {@code until-ok}); for the reads of the final phase.
 *
 * @param inFlightThread the thread running the current attempt, or -1
 * @param notBeforeNanos the earliest time of the next attempt
 * @param done true once an attempt completed {@code ok}
 */
record UntilOk(OpTemplate op, int attemptsLeft, long retryDelayNanos, int inFlightThread, long notBeforeNanos, boolean done)
        implements Generator {

    static UntilOk of(OpTemplate op, int attempts, long retryDelayNanos) {
        if (attempts < 1 || retryDelayNanos < 0) {
            throw new IllegalArgumentException("untilOk needs at least one attempt and a delay >= 0");
        }
        return new UntilOk(op, attempts, retryDelayNanos, -1, 0, false);
    }

    @Override
    public Step next(Context context) {
        if (done || (attemptsLeft == 0 && inFlightThread < 0)) {
            return Step.EXHAUSTED;
        }
        if (inFlightThread >= 0 || context.freeCount() == 0) {
            return Step.pendingUntilEvent(this);
        }
        int thread = context.freeThread(0);
        long time = Math.max(context.timeNanos(), notBeforeNanos);
        return new Step.Emit(PlannedOp.of(thread, time, op),
                new UntilOk(op, attemptsLeft - 1, retryDelayNanos, thread, notBeforeNanos, false));
    }

    @Override
    public Generator update(Context context, Event event) {
        if (!event.isCompletion() || event.thread() != inFlightThread) {
            return this;
        }
        boolean ok = event.type() == OpType.OK;
        return new UntilOk(op, attemptsLeft, retryDelayNanos, -1, event.timeNanos() + retryDelayNanos, ok);
    }
}
