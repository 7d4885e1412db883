package dev.faultline.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.harness.generator.Generators;
import dev.faultline.harness.generator.Simulation;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The workloads' promises, over simulated runs: unique written values, bounded keys, the right functions. */
class WorkloadsTest {
    private static final long MILLI = 1_000_000L;

    private static List<Op> invocations(String workload, Map<String, String> options, int threads, long seed, int ops) {
        Workload w = Workloads.create(workload, WorkloadOptions.of(options));
        List<Op> history = Simulation.run(Generators.limit(ops, w.generator(threads, seed)), threads,
                Simulation.Response.okAfter(MILLI), 3_600_000 * MILLI);
        List<Op> invocations = history.stream().filter(op -> op.type() == OpType.INVOKE).toList();
        assertThat(invocations).hasSize(ops).allMatch(op -> w.functions().contains(op.f()));
        assertThat(invocations).allMatch(op -> w.keyed() == (op.key() != null));
        return invocations;
    }

    /** The value each operation writes: a write's or an add's or an append's value, a CAS's new value. */
    private static List<Object> written(List<Op> invocations) {
        List<Object> values = new ArrayList<>();
        for (Op op : invocations) {
            switch (op.f()) {
                case "write", "add", "append" -> values.add(op.value());
                case "cas" -> values.add(((List<?>) op.value()).get(1));
                default -> { }
            }
        }
        return values;
    }

    @Property(tries = 50)
    void everyWorkloadWritesUniqueValues(@ForAll @IntRange(min = 0, max = 3) int which, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 20) int threads) {
        String workload = Workloads.names().get(which);
        List<Object> values = written(invocations(workload, Map.of(), threads, seed, 2000));
        assertThat(values).isNotEmpty().doesNotHaveDuplicates().doesNotContainNull();
    }

    @Property(tries = 50)
    void kvKeysTakeBoundedOpsFromSeveralProcessesAndGroupsShareNoKey(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 20) int threads) {
        List<Op> invocations = invocations("kv", Map.of("ops-per-key", "30", "processes-per-key", "2"), threads, seed, 3000);
        Map<Object, List<Op>> byKey = invocations.stream().collect(Collectors.groupingBy(Op::key));
        Map<Object, Set<Integer>> groupsOfKey = new HashMap<>();
        int groups = threads / 2;
        for (Map.Entry<Object, List<Op>> entry : byKey.entrySet()) {
            assertThat(entry.getValue()).hasSizeLessThanOrEqualTo(30);
            for (Op op : entry.getValue()) {
                groupsOfKey.computeIfAbsent(entry.getKey(), k -> new HashSet<>()).add(Math.min(op.process() / 2, groups - 1));
            }
        }
        assertThat(groupsOfKey.values()).allMatch(set -> set.size() == 1);
        long keysWithTwoProcesses = byKey.values().stream()
                .filter(ops -> ops.stream().map(Op::process).distinct().count() >= 2).count();
        assertThat(keysWithTwoProcesses).isGreaterThan(byKey.size() / 2);
    }

    @Test
    void registerMixesReadsWritesAndCas() {
        Map<String, Long> byF = invocations("register", Map.of(), 5, 1, 4000).stream()
                .collect(Collectors.groupingBy(Op::f, Collectors.counting()));
        assertThat(byF.get("read")).isBetween(1800L, 2200L);
        assertThat(byF.get("write")).isBetween(800L, 1200L);
        assertThat(byF.get("cas")).isBetween(800L, 1200L);
    }

    @Test
    void casPercentZeroLeavesOnlyReadsAndWritesCheckedAsAPlainRegister() {
        Map<String, Long> byF = invocations("kv", Map.of("cas-percent", "0", "read-percent", "30"), 4, 1, 2000).stream()
                .collect(Collectors.groupingBy(Op::f, Collectors.counting()));
        assertThat(byF).containsOnlyKeys("read", "write");
        assertThat(byF.get("write")).isBetween(1250L, 1550L);
        Workload register = Workloads.create("register", WorkloadOptions.of(Map.of("cas-percent", "0")));
        assertThat(register.checkerOptions().asMap()).containsEntry("model", "register");
        assertThat(register.functions()).containsExactlyInAnyOrder("read", "write");
        assertThat(Workloads.create("register", WorkloadOptions.none()).checkerOptions().asMap())
                .containsEntry("model", "cas-register");
        assertThatThrownBy(() -> Workloads.create("register", WorkloadOptions.of(Map.of("read-percent", "80", "cas-percent", "30"))))
                .hasMessage("--workload-opt cas-percent must be within [0, 20], was 30");
    }

    @Test
    void appendRetiresAListAfterItsAppends() {
        List<Op> invocations = invocations("append", Map.of("keys", "3", "appends-per-key", "5"), 4, 9, 3000);
        Map<Object, Long> appendsPerKey = invocations.stream().filter(op -> op.f().equals("append"))
                .collect(Collectors.groupingBy(Op::key, Collectors.counting()));
        assertThat(appendsPerKey.values()).allMatch(count -> count <= 5);
        assertThat(appendsPerKey.size()).isGreaterThan(200);
    }

    @Test
    void setReadsAboutATenthOfTheTime() {
        long reads = invocations("set", Map.of(), 3, 4, 5000).stream().filter(op -> op.f().equals("read")).count();
        assertThat(reads).isBetween(400L, 600L);
    }

    @Test
    void finalReadsReadEveryKeyOnEveryNodeThread() {
        List<Op> history = Simulation.run(FinalReads.of(List.of(0, 1, 2), List.of(1L, 2L), 5, MILLI), 5,
                Simulation.Response.okAfter(MILLI), 1000 * MILLI);
        List<Op> reads = history.stream().filter(op -> op.type() == OpType.INVOKE).toList();
        assertThat(reads).hasSize(6).allMatch(Op::finalRead).allMatch(op -> op.process() < 3);
        assertThat(reads.stream().map(op -> op.process() + ":" + op.key()).collect(Collectors.toSet())).hasSize(6);
    }

    @Test
    void badNamesAndOptionsAreNamed() {
        assertThatThrownBy(() -> Workloads.create("queue", WorkloadOptions.none()))
                .hasMessage("unknown workload queue (known: register, kv, set, append)");
        assertThatThrownBy(() -> Workloads.create("kv", WorkloadOptions.of(Map.of("keys", "3"))))
                .hasMessage("unknown --workload-opt keys for workload kv (known: cas-percent, ops-per-key, processes-per-key, read-percent)");
        assertThatThrownBy(() -> Workloads.create("set", WorkloadOptions.of(Map.of("read-percent", "x"))))
                .hasMessage("--workload-opt read-percent must be an integer, was x");
        assertThatThrownBy(() -> Workloads.create("set", WorkloadOptions.of(Map.of("read-percent", "101"))))
                .hasMessage("--workload-opt read-percent must be within [0, 100], was 101");
    }
}
