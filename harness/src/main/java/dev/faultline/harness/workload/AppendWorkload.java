package dev.faultline.harness.workload;

import dev.faultline.checker.CheckerOptions;
import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code append}: unique elements appended to a few lists at a time ({@code keys}, each taking
 * {@code appends-per-key} appends before a fresh list replaces it), and reads of whole lists;
 * checked for causal consistency.
 */
final class AppendWorkload implements Workload {
    private final int activeKeys;
    private final int appendsPerKey;
    private final int readPercent;

    AppendWorkload(WorkloadOptions options) {
        options.requireKnown("append", Set.of("keys", "appends-per-key", "read-percent"));
        this.activeKeys = options.integer("keys", 4, 1, 10_000);
        this.appendsPerKey = options.integer("appends-per-key", 32, 1, 1_000_000);
        this.readPercent = options.integer("read-percent", 50, 0, 100);
    }

    @Override
    public String name() {
        return "append";
    }

    @Override
    public Generator generator(int threadCount, long seed) {
        return Generators.stream(AppendOps.start(activeKeys, appendsPerKey, readPercent), seed);
    }

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public Set<String> functions() {
        return Set.of("append", "read");
    }

    @Override
    public List<String> checkers() {
        return List.of("causal");
    }

    @Override
    public CheckerOptions checkerOptions() {
        return CheckerOptions.none();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("keys", (long) activeKeys);
        fields.put("appends-per-key", (long) appendsPerKey);
        fields.put("read-percent", (long) readPercent);
        return fields;
    }
}
