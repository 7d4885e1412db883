package dev.faultline.harness.cluster;

import java.nio.file.Path;
import java.util.List;

/** Starts the system under test for a run: local processes, SSH hosts, or an in-process fake in tests. */
@FunctionalInterface
public interface ClusterLauncher {

    /**
     * Starts the nodes and returns when they are healthy.
     *
     * @param nodes the node names, n1 .. nN
     * @param runDirectory the run's store directory, for node data and logs
     * @throws ClusterStartException when the cluster cannot start; whatever was started is stopped
     */
    Cluster start(List<String> nodes, Path runDirectory) throws Exception;
}
