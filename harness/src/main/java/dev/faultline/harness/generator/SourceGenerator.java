package dev.faultline.harness.generator;

import java.util.function.IntUnaryOperator;

/**
 * Operations from {@link OpSource}s: each for a free thread drawn at random, at the current time,
 * drawn from the source of that thread's group. One group is a plain stream; several give each
 * group of threads its own stream (the kv workload's independent keys) in O(1) per operation.
 * The generator is exhausted when the source it draws from is used up.
 *
 * @param sources the source of each group, never changed in place
 * @param groupOf the group of a thread
 */
record SourceGenerator(OpSource[] sources, IntUnaryOperator groupOf, SplitRandom random) implements Generator {

    @Override
    public Step next(Context context) {
        if (context.freeCount() == 0) {
            return Step.pendingUntilEvent(this);
        }
        SplitRandom threadDraw = random.next();
        SplitRandom opDraw = threadDraw.next();
        int thread = context.someFreeThread(threadDraw);
        int group = groupOf.applyAsInt(thread);
        OpSource.Drawn drawn = sources[group].draw(opDraw);
        if (drawn == null) {
            return Step.EXHAUSTED;
        }
        OpSource[] after = sources.clone();
        after[group] = drawn.next();
        return new Step.Emit(PlannedOp.of(thread, context.timeNanos(), drawn.op()), new SourceGenerator(after, groupOf, opDraw));
    }
}
