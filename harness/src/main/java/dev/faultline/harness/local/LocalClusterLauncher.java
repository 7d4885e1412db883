package dev.faultline.harness.local;

import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.cluster.ClusterStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts a local cluster of {@code faultline node TARGET} processes: free loopback ports for the
 * peer transport, a fresh agent token for the run, node data and logs under the run's
 * {@code nodes/<node>/}. Client and agent ports are chosen by each node and read from its ready
 * line; peer ports must be known to every node in advance, so they are probed free first, and a
 * start that loses the race for one (another process took it meanwhile) is retried with new ports.
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
            NodeCommandLine commandLine = new NodeCommandLine(target, bugs, targetOptions, peers(nodes),
                    runDirectory.resolve("nodes"));
            try {
                return LocalCluster.start(nodes, runDirectory.resolve("nodes"), commandLine, token, seed);
            } catch (ClusterStartException e) {
                last = e;
                if (!e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** {@code n1=127.0.0.1:P1,...} with ports that were free a moment ago. */
    private static String peers(List<String> nodes) throws ClusterStartException {
        List<String> peers = new ArrayList<>();
        List<ServerSocket> probes = new ArrayList<>();
        try {
            // All held open until every port is chosen, so no two nodes get the same one.
            for (String node : nodes) {
                ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                probes.add(probe);
                peers.add(node + "=127.0.0.1:" + probe.getLocalPort());
            }
        } catch (IOException e) {
            throw new ClusterStartException("no free port on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket probe : probes) {
                try {
                    probe.close();
                } catch (IOException ignored) {
                    // A probe that cannot close still frees its port when the controller exits.
                }
            }
        }
        return String.join(",", peers);
    }
}
