package dev.faultline.harness.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * The soonest operation of several generators, the first listed on a tie (Jepsen's {@code any});
 * exhausted when all are. Events go to every generator.
 */
record Any(List<Generator> generators) implements Generator {

    Any {
        generators = List.copyOf(generators);
    }

    @Override
    public Step next(Context context) {
        Step.Emit soonest = null;
        int soonestIndex = -1;
        long wake = Long.MAX_VALUE;
        boolean alive = false;
        List<Generator> after = new ArrayList<>(generators);
        for (int index = 0; index < generators.size(); index++) {
            Step step = generators.get(index).next(context);
            if (step instanceof Step.Emit emit) {
                alive = true;
                if (soonest == null || emit.op().timeNanos() < soonest.op().timeNanos()) {
                    soonest = emit;
                    soonestIndex = index;
                }
            } else if (step instanceof Step.Pending pending) {
                alive = true;
                after.set(index, pending.next());
                wake = Math.min(wake, pending.wakeNanos());
            }
        }
        if (soonest != null) {
            List<Generator> emitted = new ArrayList<>(generators);
            emitted.set(soonestIndex, soonest.next());
            return new Step.Emit(soonest.op(), new Any(emitted));
        }
        return alive ? new Step.Pending(new Any(after), wake) : Step.EXHAUSTED;
    }

    @Override
    public Generator update(Context context, Event event) {
        List<Generator> updated = new ArrayList<>(generators.size());
        for (Generator generator : generators) {
            updated.add(generator.update(context, event));
        }
        return new Any(updated);
    }
}
