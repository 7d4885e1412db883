package dev.faultline.harness.workload;

import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import java.util.Map;
import java.util.Set;

/** {@code register}: read, write and CAS on one register, checked for linearizability (cas-register model). */
final class RegisterWorkload extends RegisterFamily {

    RegisterWorkload(WorkloadOptions options) {
        super(options);
        options.requireKnown("register", Set.of("read-percent", "cas-percent"));
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Generator generator(int threadCount, long seed) {
        return Generators.stream(new RegisterOps(null, 1, 0, readPercent, casPercent), seed);
    }

    @Override
    public boolean keyed() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("read-percent", (long) readPercent, "cas-percent", (long) casPercent);
    }
}
