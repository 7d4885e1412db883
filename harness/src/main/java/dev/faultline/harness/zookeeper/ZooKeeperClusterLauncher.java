package dev.faultline.harness.zookeeper;

import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.local.FreePorts;
import dev.faultline.harness.zookeeper.EnsembleLayout.ServerPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a local ZooKeeper ensemble for a run: free loopback ports for every server (client,
 * quorum, election), the link proxies between them, a {@code zoo.cfg} and {@code myid} per server
 * under the run's {@code nodes/<node>/}, then the servers.
 */
public final class ZooKeeperClusterLauncher implements ClusterLauncher {
    private final ReadMode readMode;
    private final long requestTimeoutMillis;
    private final long seed;

    /**
     * @param requestTimeoutMillis how long a session waits for an answer before the client library gives up
     * @param seed the seed of the link faults' random draws
     */
    public ZooKeeperClusterLauncher(ReadMode readMode, long requestTimeoutMillis, long seed) {
        this.readMode = readMode;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.seed = seed;
    }

    @Override
    public Cluster start(List<String> nodes, Path runDirectory) throws ClusterStartException, InterruptedException {
        Map<String, ServerPorts> ports = freePorts(nodes);
        PeerNetwork network;
        try {
            network = PeerNetwork.open(nodes, ports, seed);
        } catch (IOException e) {
            throw new ClusterStartException("cannot open the zookeeper link proxies on 127.0.0.1: " + e.getMessage(), e);
        }
        Map<String, ZooKeeperServer> servers = new LinkedHashMap<>();
        try {
            EnsembleLayout layout = new EnsembleLayout(nodes, ports, network.ports());
            for (String node : nodes) {
                ZooKeeperServer server = new ZooKeeperServer(node, runDirectory.resolve("nodes").resolve(node), ports.get(node).client());
                server.configure(layout);
                servers.put(node, server);
            }
        } catch (IOException e) {
            network.close();
            throw new ClusterStartException("cannot write the zookeeper configuration: " + e.getMessage(), e);
        }
        return ZooKeeperCluster.start(servers, network, readMode, requestTimeoutMillis);
    }

    /** Three ports per server (client, quorum, election) that were free a moment ago. */
    private static Map<String, ServerPorts> freePorts(List<String> nodes) throws ClusterStartException {
        List<Integer> free;
        try {
            free = FreePorts.onLoopback(3 * nodes.size());
        } catch (IOException e) {
            throw new ClusterStartException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
        Map<String, ServerPorts> ports = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ports.put(nodes.get(i), new ServerPorts(free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)));
        }
        return ports;
    }
}
