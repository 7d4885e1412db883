package dev.faultline.harness.workload;

import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import java.util.Map;
import java.util.Set;

/** {@code register}: read, write and CAS on one register, checked for linearizability (cas-register model). */
final class RegisterWorkload extends RegisterFamily {
    private final int readPercent;

    RegisterWorkload(WorkloadOptions options) {
        options.requireKnown("register", Set.of("read-percent"));
        this.readPercent = options.integer("read-percent", 50, 0, 100);
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Generator generator(int threadCount, long seed) {
        return Generators.stream(new RegisterOps(null, 1, 0, readPercent), seed);
    }

    @Override
    public boolean keyed() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("read-percent", (long) readPercent);
    }
}
