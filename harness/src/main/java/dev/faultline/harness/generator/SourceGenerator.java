package dev.faultline.harness.generator;

/** Operations from an {@link OpSource}, each for a free thread drawn at random, at the current time. */
record SourceGenerator(OpSource source, SplitRandom random) implements Generator {

    @Override
    public Step next(Context context) {
        if (context.freeCount() == 0) {
            return Step.pendingUntilEvent(this);
        }
        SplitRandom threadDraw = random.next();
        SplitRandom opDraw = threadDraw.next();
        OpSource.Drawn drawn = source.draw(opDraw);
        if (drawn == null) {
            return Step.EXHAUSTED;
        }
        int thread = context.someFreeThread(threadDraw);
        return new Step.Emit(PlannedOp.of(thread, context.timeNanos(), drawn.op()), new SourceGenerator(drawn.next(), opDraw));
    }
}
