package dev.faultline.harness.netns;

import dev.faultline.harness.client.ClientFactory;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ExitGuard;
import dev.faultline.harness.cluster.NodeCluster;
import dev.faultline.harness.cluster.StatusProbe;
import dev.faultline.nemesis.Nemesis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link NodeCluster} whose nodes live in network namespaces of their own: the same nodes,
 * clients, status and logs; partitions go to the kernel ({@link NetnsNemesis}); closing it stops
 * the nodes first, then removes the network.
 */
final class NetnsCluster implements Cluster {
    private final NodeCluster nodes;
    private final NetnsNetwork network;
    private final ExitGuard exitGuard;
    private final Nemesis nemesis;

    /** @param exitGuard armed before the network was created; closing this cluster disarms it */
    NetnsCluster(NodeCluster nodes, NetnsNetwork network, CommandRunner runner, ExitGuard exitGuard) {
        this.nodes = nodes;
        this.network = network;
        this.exitGuard = exitGuard;
        this.nemesis = new NetnsNemesis(new Net(network.layout(), runner), nodes.nemesis());
    }

    @Override
    public List<String> nodes() {
        return nodes.nodes();
    }

    @Override
    public Optional<String> leader() {
        return nodes.leader();
    }

    @Override
    public ClientFactory clients() {
        return nodes.clients();
    }

    @Override
    public Nemesis nemesis() {
        return nemesis;
    }

    @Override
    public void awaitQuiescence(Duration max) throws InterruptedException {
        nodes.awaitQuiescence(max);
    }

    @Override
    public Optional<StatusProbe> statusProbe() {
        return nodes.statusProbe();
    }

    @Override
    public void collectLogs(Path nodesDir) throws Exception {
        nodes.collectLogs(nodesDir);
    }

    /** Nodes first: a namespace with a process in it outlives its removal. */
    @Override
    public void close() {
        nodes.close();
        network.close();
        exitGuard.closed();
    }
}
