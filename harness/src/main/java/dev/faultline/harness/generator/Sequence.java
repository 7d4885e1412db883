package dev.faultline.harness.generator;

import java.util.ArrayList;
import java.util.List;

/** Each generator until it is exhausted, then the next (Jepsen's sequences); events go to the current one. */
record Sequence(List<Generator> generators) implements Generator {

    Sequence {
        generators = List.copyOf(generators);
    }

    @Override
    public Step next(Context context) {
        for (int index = 0; index < generators.size(); index++) {
            Step step = generators.get(index).next(context);
            if (step instanceof Step.Emit emit) {
                return new Step.Emit(emit.op(), replaceHead(index, emit.next()));
            }
            if (step instanceof Step.Pending pending) {
                return new Step.Pending(replaceHead(index, pending.next()), pending.wakeNanos());
            }
        }
        return Step.EXHAUSTED;
    }

    @Override
    public Generator update(Context context, Event event) {
        return generators.isEmpty() ? this : replaceHead(0, generators.get(0).update(context, event));
    }

    /** The sequence from {@code index} on, with its first generator replaced. */
    private Sequence replaceHead(int index, Generator head) {
        List<Generator> rest = new ArrayList<>(generators.subList(index, generators.size()));
        rest.set(0, head);
        return new Sequence(rest);
    }
}
