package dev.faultline.harness.workload;

import dev.faultline.checker.CheckerOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the register workloads share, one register ({@code register}) or one per key
 * ({@code kv}): read, write and CAS, checked for linearizability with the cas-register model.
 * With {@code cas-percent=0} (for stores that refuse CAS, such as the gossip target) there is no
 * CAS at all, and the checkers get the plain register model, which the convergence, session and
 * staleness checkers also take.
 */
abstract class RegisterFamily implements Workload {
    final int readPercent;
    final int casPercent;

    RegisterFamily(WorkloadOptions options) {
        this.readPercent = options.integer("read-percent", 50, 0, 100);
        this.casPercent = options.integer("cas-percent", RegisterOps.defaultCasPercent(readPercent), 0, 100 - readPercent);
    }

    @Override
    public final Set<String> functions() {
        return casPercent == 0 ? Set.of("read", "write") : Set.of("read", "write", "cas");
    }

    @Override
    public final List<String> checkers() {
        return List.of("linearizable");
    }

    @Override
    public final CheckerOptions checkerOptions() {
        return CheckerOptions.of(Map.of("model", casPercent == 0 ? "register" : "cas-register"));
    }
}
