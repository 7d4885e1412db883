package dev.faultline.target;

import dev.faultline.target.gossip.GossipTarget;
import dev.faultline.target.memory.MemoryTarget;
import dev.faultline.target.paxos.PaxosTarget;
import dev.faultline.target.ping.PingTarget;
import dev.faultline.target.raft.RaftTarget;
import dev.faultline.target.zab.ZabTarget;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets {@code faultline node} can run, by name. Each protocol adds its {@link TargetSpec}
 * to {@link #builtIn()}; tests build their own registry.
 */
public final class TargetRegistry {
    private final Map<String, TargetSpec> targets = new LinkedHashMap<>();

    public TargetRegistry(List<TargetSpec> specs) {
        for (TargetSpec spec : specs) {
            if (targets.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("two targets named " + spec.name());
            }
        }
    }

    /** Every target of this build. */
    public static TargetRegistry builtIn() {
        return new TargetRegistry(List.of(MemoryTarget.SPEC, PingTarget.SPEC, RaftTarget.SPEC, ZabTarget.SPEC, PaxosTarget.SPEC, GossipTarget.SPEC));
    }

    /** @throws IllegalArgumentException naming the known targets */
    public TargetSpec find(String name) {
        TargetSpec spec = targets.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown target '" + name + "' (known: " + String.join(", ", targets.keySet()) + ")");
        }
        return spec;
    }

    public Collection<TargetSpec> targets() {
        return Collections.unmodifiableCollection(targets.values());
    }
}
