package dev.faultline.harness.generator;

/**
 * Spaces operations by a random gap, uniform in {@code [0, 2 * meanGapNanos]}, across all
 * threads together (Jepsen's {@code stagger}: a rate for the whole run, not per thread). The
 * first operation goes at once.
 */
record Stagger(Generator generator, long meanGapNanos, long nextTimeNanos, SplitRandom random) implements Generator {
    static final long NOT_STARTED = Long.MIN_VALUE;

    Stagger {
        if (meanGapNanos <= 0) {
            throw new IllegalArgumentException("the mean gap must be positive, was " + meanGapNanos + " ns");
        }
    }

    @Override
    public Step next(Context context) {
        Step step = generator.next(context);
        if (step instanceof Step.Emit emit) {
            long time = Math.max(emit.op().timeNanos(), nextTimeNanos == NOT_STARTED ? context.timeNanos() : nextTimeNanos);
            SplitRandom gap = random.next();
            long following = time + gap.below(2 * meanGapNanos + 1);
            return new Step.Emit(emit.op().withTime(time), new Stagger(emit.next(), meanGapNanos, following, gap));
        }
        if (step instanceof Step.Pending pending) {
            return new Step.Pending(new Stagger(pending.next(), meanGapNanos, nextTimeNanos, random), pending.wakeNanos());
        }
        return step;
    }

    @Override
    public Generator update(Context context, Event event) {
        return new Stagger(generator.update(context, event), meanGapNanos, nextTimeNanos, random);
    }
}
