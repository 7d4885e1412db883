package dev.faultline.harness.workload;

import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import dev.faultline.harness.generator.OpSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kv}: many independent registers. The threads form groups of
 * {@code processes-per-key} (the last group takes any spare threads); each group works through
 * its own keys, {@code ops-per-key} operations on each, so every key sees several concurrent
 * processes yet a short history, and the linearizability check stays cheap per key (Jepsen's
 * {@code independent} keys).
 */
final class KvWorkload extends RegisterFamily {
    private final int opsPerKey;
    private final int processesPerKey;

    KvWorkload(WorkloadOptions options) {
        super(options);
        options.requireKnown("kv", Set.of("ops-per-key", "processes-per-key", "read-percent", "cas-percent"));
        this.opsPerKey = options.integer("ops-per-key", 100, 1, 1_000_000);
        this.processesPerKey = options.integer("processes-per-key", 2, 1, 1024);
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public Generator generator(int threadCount, long seed) {
        int groups = Math.max(1, threadCount / processesPerKey);
        List<OpSource> perGroup = new ArrayList<>(groups);
        for (int group = 0; group < groups; group++) {
            perGroup.add(KvOps.start(group, groups, opsPerKey, readPercent, casPercent));
        }
        return Generators.streamPerGroup(perGroup, thread -> Math.min(thread / processesPerKey, groups - 1), seed);
    }

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ops-per-key", (long) opsPerKey);
        fields.put("processes-per-key", (long) processesPerKey);
        fields.put("read-percent", (long) readPercent);
        fields.put("cas-percent", (long) casPercent);
        return fields;
    }
}
