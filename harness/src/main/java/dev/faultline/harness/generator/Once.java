package dev.faultline.harness.generator;

/** One operation, for the lowest free visible thread, then nothing. */
record Once(OpTemplate op) implements Generator {

    @Override
    public Step next(Context context) {
        if (context.freeCount() == 0) {
            return Step.pendingUntilEvent(this);
        }
        return new Step.Emit(PlannedOp.of(context.freeThread(0), context.timeNanos(), op), Generators.empty());
    }
}
