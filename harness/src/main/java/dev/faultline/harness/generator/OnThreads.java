package dev.faultline.harness.generator;

import java.util.BitSet;

/**
 * A generator confined to some threads (Jepsen's {@code on-threads}): it sees only those threads
 * in its context and only their events.
 */
record OnThreads(BitSet threads, Generator generator) implements Generator {

    OnThreads {
        threads = (BitSet) threads.clone();
        if (threads.isEmpty()) {
            throw new IllegalArgumentException("onThreads needs at least one thread");
        }
    }

    @Override
    public Step next(Context context) {
        Step step = generator.next(context.restrictedTo(threads));
        if (step instanceof Step.Emit emit) {
            return new Step.Emit(emit.op(), new OnThreads(threads, emit.next()));
        }
        if (step instanceof Step.Pending pending) {
            return new Step.Pending(new OnThreads(threads, pending.next()), pending.wakeNanos());
        }
        return step;
    }

    @Override
    public Generator update(Context context, Event event) {
        if (!threads.get(event.thread())) {
            return this;
        }
        return new OnThreads(threads, generator.update(context.restrictedTo(threads), event));
    }

    @Override
    public BitSet threads() {
        return (BitSet) threads.clone();
    }
}
