package dev.faultline.harness.workload;

import dev.faultline.checker.CheckerOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the register workloads share, one register ({@code register}) or one per key
 * ({@code kv}): read, write and CAS, checked for linearizability with the cas-register model.
 */
abstract class RegisterFamily implements Workload {

    @Override
    public final Set<String> functions() {
        return Set.of("read", "write", "cas");
    }

    @Override
    public final List<String> checkers() {
        return List.of("linearizable");
    }

    @Override
    public final CheckerOptions checkerOptions() {
        return CheckerOptions.of(Map.of("model", "cas-register"));
    }
}
