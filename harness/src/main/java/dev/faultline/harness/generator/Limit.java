package dev.faultline.harness.generator;

/** At most {@code remaining} more operations (Jepsen's {@code limit}). */
record Limit(Generator generator, long remaining) implements Generator {

    @Override
    public Step next(Context context) {
        if (remaining <= 0) {
            return Step.EXHAUSTED;
        }
        Step step = generator.next(context);
        if (step instanceof Step.Emit emit) {
            return new Step.Emit(emit.op(), new Limit(emit.next(), remaining - 1));
        }
        if (step instanceof Step.Pending pending) {
            return new Step.Pending(new Limit(pending.next(), remaining), pending.wakeNanos());
        }
        return step;
    }

    @Override
    public Generator update(Context context, Event event) {
        return new Limit(generator.update(context, event), remaining);
    }
}
