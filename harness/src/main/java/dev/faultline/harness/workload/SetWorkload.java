package dev.faultline.harness.workload;

import dev.faultline.checker.CheckerOptions;
import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code set}: adds of unique elements to one set, with periodic reads of the whole set (a
 * tenth of the operations by default), checked for convergence after the final reads.
 */
final class SetWorkload implements Workload {
    private final int readPercent;

    SetWorkload(WorkloadOptions options) {
        options.requireKnown("set", Set.of("read-percent"));
        this.readPercent = options.integer("read-percent", 10, 0, 100);
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Generator generator(int threadCount, long seed) {
        return Generators.stream(new SetOps(1, readPercent), seed);
    }

    @Override
    public boolean keyed() {
        return false;
    }

    @Override
    public Set<String> functions() {
        return Set.of("add", "read");
    }

    @Override
    public List<String> checkers() {
        return List.of("convergence");
    }

    @Override
    public CheckerOptions checkerOptions() {
        return CheckerOptions.of(Map.of("model", "set"));
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("read-percent", (long) readPercent);
    }
}
