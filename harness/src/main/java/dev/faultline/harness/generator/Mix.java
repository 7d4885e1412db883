package dev.faultline.harness.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Each operation from one of several generators, drawn with the given weights (Jepsen's
 * {@code mix}). A drawn generator that is pending gives way to the others in turn, so one waiting
 * branch does not starve the rest (the TODO in Jepsen's docstring); an exhausted one is dropped.
 */
record Mix(List<Generator> generators, List<Integer> weights, SplitRandom random) implements Generator {

    Mix {
        generators = List.copyOf(generators);
        weights = List.copyOf(weights);
        if (generators.size() != weights.size() || weights.stream().anyMatch(weight -> weight <= 0)) {
            throw new IllegalArgumentException("mix needs one positive weight per generator, was " + weights);
        }
    }

    @Override
    public Step next(Context context) {
        if (generators.isEmpty()) {
            return Step.EXHAUSTED;
        }
        SplitRandom draw = random.next();
        int first = pick(draw);
        long wake = Long.MAX_VALUE;
        List<Generator> after = new ArrayList<>(generators);
        for (int tried = 0; tried < generators.size(); tried++) {
            int index = (first + tried) % generators.size();
            Step step = generators.get(index).next(context);
            if (step instanceof Step.Emit emit) {
                after.set(index, emit.next());
                return new Step.Emit(emit.op(), new Mix(after, weights, draw));
            }
            if (step instanceof Step.Exhausted) {
                List<Generator> rest = new ArrayList<>(generators);
                List<Integer> restWeights = new ArrayList<>(weights);
                rest.remove(index);
                restWeights.remove(index);
                return new Mix(rest, restWeights, random).next(context);
            }
            Step.Pending pending = (Step.Pending) step;
            after.set(index, pending.next());
            wake = Math.min(wake, pending.wakeNanos());
        }
        return new Step.Pending(new Mix(after, weights, random), wake);
    }

    @Override
    public Generator update(Context context, Event event) {
        List<Generator> updated = new ArrayList<>(generators.size());
        for (Generator generator : generators) {
            updated.add(generator.update(context, event));
        }
        return new Mix(updated, weights, random);
    }

    private int pick(SplitRandom draw) {
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int point = draw.below(total);
        for (int index = 0; index < weights.size(); index++) {
            point -= weights.get(index);
            if (point < 0) {
                return index;
            }
        }
        throw new AssertionError("weights sum to " + total);
    }
}
