package dev.faultline.target.common.core;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a core is told when it starts.
 *
 * @param nodeId this node's id
 * @param nodes every node of the cluster, this one included, in a fixed order
 * @param random the core's only source of randomness, seeded by the shell or the simulator
 * @param tickIntervalNanos how much node monotonic time passes between two ticks, for cores that
 *     count timeouts in ticks (etcd style) and want to report them in time units
 */
public record CoreContext(String nodeId, List<String> nodes, RandomGenerator random, long tickIntervalNanos) {
    public CoreContext {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(random, "random");
        nodes = List.copyOf(nodes);
        if (!nodes.contains(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not one of " + nodes);
        }
        if (tickIntervalNanos <= 0) {
            throw new IllegalArgumentException("tickIntervalNanos must be positive, was " + tickIntervalNanos);
        }
    }

    /** Every node but this one. */
    public List<String> peers() {
        return nodes.stream().filter(node -> !node.equals(nodeId)).toList();
    }
}
