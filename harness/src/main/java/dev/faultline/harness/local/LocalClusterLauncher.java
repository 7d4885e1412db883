package dev.faultline.harness.local;

import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.cluster.NodeCluster;
import dev.faultline.harness.cluster.NodeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a local cluster of {@code faultline node TARGET} processes: free loopback ports for the
 * peer transport, the clients and the agents, a fresh agent token for the run, node data and logs
 * under the run's {@code nodes/<node>/}. Peer ports must be known to every node in advance, and
 * every port must stay the node's across restarts, so all are probed free first, below the
 * ephemeral range; a start that loses the race for one (another process took it meanwhile) is
 * retried with new ports.
 */
public final class LocalClusterLauncher implements ClusterLauncher {
    private static final int START_ATTEMPTS = 3;

    private final String target;
    private final List<String> bugs;
    private final Map<String, String> targetOptions;
    private final long seed;

    public LocalClusterLauncher(String target, List<String> bugs, Map<String, String> targetOptions, long seed) {
        this.target = target;
        this.bugs = List.copyOf(bugs);
        this.targetOptions = Map.copyOf(targetOptions);
        this.seed = seed;
    }

    @Override
    public Cluster start(List<String> nodes, Path runDirectory) throws ClusterStartException, InterruptedException {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ClusterStartException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            List<Integer> ports = freePorts(3 * nodes.size());
            NodeCommandLine commandLine = new NodeCommandLine(target, bugs, targetOptions, peers(nodes, ports),
                    runDirectory.resolve("nodes"));
            try {
                return NodeCluster.start(localNodes(nodes, runDirectory.resolve("nodes"), commandLine, token, ports), target,
                        token, seed);
            } catch (ClusterStartException e) {
                last = e;
                if (!e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /**
     * Child processes of the controller, with their logs in {@code nodesDir/<node>/node.log}; node
     * i's client and agent ports are {@code ports[n + i]} and {@code ports[2n + i]}.
     */
    private static Map<String, NodeProcess> localNodes(List<String> names, Path nodesDir, NodeCommandLine commandLine,
            String token, List<Integer> ports) {
        Map<String, NodeProcess> nodes = new LinkedHashMap<>();
        int count = names.size();
        for (int i = 0; i < count; i++) {
            String name = names.get(i);
            nodes.put(name, new LocalNode(name, nodesDir.resolve(name).resolve("node.log"), token, commandLine,
                    ports.get(count + i), ports.get(2 * count + i)));
        }
        return nodes;
    }

    /** {@code n1=127.0.0.1:P1,...}: node i's peer port is {@code ports[i]}. */
    private static String peers(List<String> nodes, List<Integer> ports) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            peers.add(nodes.get(i) + "=127.0.0.1:" + ports.get(i));
        }
        return String.join(",", peers);
    }

    /**
     * Every port of every node (peer, client, agent), chosen before any node starts and from below
     * the ephemeral range ({@link FreePorts}): a killed node restarts on the same ports, and an
     * ephemeral one could meanwhile be the local end of some connection.
     */
    private static List<Integer> freePorts(int count) throws ClusterStartException {
        try {
            return FreePorts.onLoopback(count);
        } catch (IOException e) {
            throw new ClusterStartException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
