package dev.faultline.harness.zookeeper;

import dev.faultline.harness.client.ClientFactory;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.cluster.StatusProbe;
import dev.faultline.harness.local.ChildJvm;
import dev.faultline.harness.cluster.ExitGuard;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.agent.NodeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local ZooKeeper ensemble: one {@link ZooKeeperServer} per node, the {@link PeerNetwork}
 * between them, sessions for the workers, and the {@link ZooKeeperNemesis}. The role of each server
 * comes from {@code srvr}. Every server is stopped by its PID when the cluster closes, when the
 * controller exits (a shutdown hook that first gives the run time to heal and close), and, since
 * each server exits when its standard input closes, when the controller dies without any hook.
 */
final class ZooKeeperCluster implements Cluster {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperCluster.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HOOK_GRACE = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Map<String, ZooKeeperServer> servers;
    private final PeerNetwork network;
    private final ReadMode readMode;
    private final long requestTimeoutMillis;
    private final ZooKeeperNemesis nemesis;
    private final ExitGuard exitGuard = new ExitGuard("faultline-zookeeper-shutdown", HOOK_GRACE, this::close);

    private ZooKeeperCluster(Map<String, ZooKeeperServer> servers, PeerNetwork network, ReadMode readMode, long requestTimeoutMillis) {
        this.servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
        this.network = network;
        this.readMode = readMode;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.nemesis = new ZooKeeperNemesis(this.servers, network);
    }

    /**
     * Starts every server and waits until each serves as leader or follower.
     *
     * @throws ClusterStartException naming the server that did not come up and the last line of its
     *     log; every server started is stopped first, the logs are kept
     */
    static ZooKeeperCluster start(Map<String, ZooKeeperServer> servers, PeerNetwork network, ReadMode readMode,
            long requestTimeoutMillis) throws ClusterStartException, InterruptedException {
        ZooKeeperCluster cluster = new ZooKeeperCluster(servers, network, readMode, requestTimeoutMillis);
        cluster.exitGuard.arm();
        try {
            for (ZooKeeperServer server : servers.values()) {
                server.start();
            }
            cluster.awaitServing();
            return cluster;
        } catch (ClusterStartException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void awaitServing() throws ClusterStartException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String waitingFor = null;
            for (ZooKeeperServer server : servers.values()) {
                if (!server.isAlive()) {
                    throw new ClusterStartException("zookeeper " + server.node() + " did not start (exit status "
                            + server.exitStatus().orElse(-1) + "): " + ChildJvm.lastLogLine(server.log()));
                }
                if (waitingFor == null && server.status().isEmpty()) {
                    waitingFor = server.node();
                }
            }
            if (waitingFor == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ZooKeeperServer server = servers.get(waitingFor);
                throw new ClusterStartException("zookeeper " + waitingFor + " was not serving after " + START_TIMEOUT.toSeconds()
                        + " s (no quorum?): " + ChildJvm.lastLogLine(server.log()));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(servers.keySet());
    }

    @Override
    public ClientFactory clients() {
        // A CAS or a barrier read makes two requests, each bounded by the library's request timeout:
        // half the run's timeout each, so the operation ends within it and the worker's watchdog
        // never has to replace the thread.
        return node -> ZooKeeperClient.open(servers.get(node).clientPort(), readMode, EnsembleLayout.SESSION_TIMEOUT_MAX_MILLIS,
                Math.max(1, requestTimeoutMillis / 2), CONNECT_TIMEOUT_MILLIS);
    }

    @Override
    public Nemesis nemesis() {
        return nemesis;
    }

    /** The server that says it leads, the highest epoch winning. */
    @Override
    public Optional<String> leader() {
        String leader = null;
        long epoch = -1;
        for (Map.Entry<String, ServerState> entry : states().entrySet()) {
            if (entry.getValue().isLeader() && entry.getValue().epoch() > epoch) {
                leader = entry.getKey();
                epoch = entry.getValue().epoch();
            }
        }
        return Optional.ofNullable(leader);
    }

    /** Each server's {@code srvr} as a status: mode as role, epoch as term, zxid counter as commit and applied index. */
    @Override
    public Optional<StatusProbe> statusProbe() {
        return Optional.of(node -> servers.get(node).status().map(state -> new NodeStatus(state.mode(), state.epoch(),
                state.isLeader() ? node : null, state.counter(), state.counter(), 0, Map.of("zxid", state.zxid()))));
    }

    private Map<String, ServerState> states() {
        Map<String, ServerState> states = new LinkedHashMap<>();
        servers.forEach((node, server) -> server.status().ifPresent(state -> states.put(node, state)));
        return states;
    }

    /** Quiet: every server serves, one leads, all applied the same zxid, at two polls in a row. */
    @Override
    public void awaitQuiescence(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Map<String, ServerState> previous = null;
        while (System.nanoTime() < deadline) {
            Map<String, ServerState> now = states();
            boolean quiet = now.size() == servers.size() && now.values().stream().filter(ServerState::isLeader).count() == 1
                    && now.values().stream().map(ServerState::zxid).distinct().count() == 1;
            if (quiet && now.equals(previous)) {
                return;
            }
            previous = quiet ? now : null;
            Thread.sleep(200);
        }
        log.info("the ensemble was not quiet after {} ms; going on with the final reads", max.toMillis());
    }

    /** The server logs are written in place, under each node's directory. */
    @Override
    public void collectLogs(Path nodesDir) {
        // Nothing to copy: each server appends to nodes/<node>/node.log as it runs.
    }

    /** Kills every server by its PID, waits until each is gone, closes the proxies. */
    @Override
    public void close() {
        for (ZooKeeperServer server : servers.values()) {
            try {
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("{}", e.getMessage());
            }
        }
        network.close();
        exitGuard.closed();
    }
}
