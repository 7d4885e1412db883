package dev.faultline.harness.generator;

/**
 * Operations until a time limit, counted from the first time this generator is asked (Jepsen's
 * {@code time-limit}): an operation planned at or after the deadline is not emitted, and the
 * generator is exhausted from then on.
 */
record TimeLimit(Generator generator, long limitNanos, long deadlineNanos) implements Generator {
    static final long NOT_STARTED = Long.MIN_VALUE;

    TimeLimit {
        if (limitNanos <= 0) {
            throw new IllegalArgumentException("the time limit must be positive, was " + limitNanos + " ns");
        }
    }

    @Override
    public Step next(Context context) {
        long deadline = deadlineNanos == NOT_STARTED ? context.timeNanos() + limitNanos : deadlineNanos;
        if (context.timeNanos() >= deadline) {
            return Step.EXHAUSTED;
        }
        Step step = generator.next(context);
        if (step instanceof Step.Emit emit) {
            if (emit.op().timeNanos() >= deadline) {
                return Step.EXHAUSTED;
            }
            return new Step.Emit(emit.op(), new TimeLimit(emit.next(), limitNanos, deadline));
        }
        if (step instanceof Step.Pending pending) {
            return new Step.Pending(new TimeLimit(pending.next(), limitNanos, deadline), Math.min(pending.wakeNanos(), deadline));
        }
        return step;
    }

    @Override
    public Generator update(Context context, Event event) {
        return new TimeLimit(generator.update(context, event), limitNanos, deadlineNanos);
    }
}
