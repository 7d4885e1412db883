package dev.faultline.harness.workload;

import dev.faultline.harness.generator.OpSource;
import dev.faultline.harness.generator.OpTemplate;
import dev.faultline.harness.generator.SplitRandom;

/** Adds of 1, 2, 3, ... to one set, with the given share of reads of the whole set. */
record SetOps(long nextValue, int readPercent) implements OpSource {

    @Override
    public Drawn draw(SplitRandom random) {
        if (random.below(100) < readPercent) {
            return new Drawn(OpTemplate.of("read", null, null), this);
        }
        return new Drawn(OpTemplate.of("add", null, nextValue), new SetOps(nextValue + 1, readPercent));
    }
}
