package dev.faultline.harness.generator;

/**
 * What the worker threads do next: a pure value, after Jepsen's generator
 * ({@code jepsen.generator}: "generators are pure; all state lives in the returned generator").
 *
 * <p>{@link #next} is asked for an operation for one of the context's free threads and answers
 * with the operation and the generator that follows it, or pending, or exhausted; asking the same
 * generator twice with the same context gives the same answer, which lets the runner ask about an
 * operation planned for later and ask again when that time comes. {@link #update} absorbs each
 * invocation and completion. Randomness comes from a {@link SplitRandom} held in the generator,
 * never from a shared source, so a run's operations are a function of its seed and of the order
 * of events, and {@link Simulation} reproduces them without a cluster.
 *
 * <p>The combinators are in {@link Generators}.
 */
public interface Generator {

    /** The next operation for a free visible thread, or why there is none. */
    Step next(Context context);

    /** The generator after an invocation or completion; most generators ignore events. */
    default Generator update(Context context, Event event) {
        return this;
    }
}
