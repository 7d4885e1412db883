package dev.faultline.harness.cluster;

import dev.faultline.nemesis.agent.NodeStatus;
import java.util.Optional;

/** Asks one node for its status now (role, term, leader), for the run's status samples. */
@FunctionalInterface
public interface StatusProbe {

    /** The node's status, or empty when it does not answer (killed, paused, starting). */
    Optional<NodeStatus> status(String node);
}
