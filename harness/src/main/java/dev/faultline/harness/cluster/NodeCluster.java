package dev.faultline.harness.cluster;

import dev.faultline.harness.client.ClientFactory;
import dev.faultline.harness.client.KvTargetClient;
import dev.faultline.harness.generator.SplitRandom;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.AgentCodec;
import dev.faultline.nemesis.agent.AgentResponse;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.nemesis.agent.StatusRequest;
import dev.faultline.target.TargetRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of {@code faultline node} processes reached through their client ports and agents
 * (DESIGN.md §6): child processes on 127.0.0.1 in local mode (no root, no SSH), or processes on
 * other hosts behind SSH port forwards in ssh mode ({@code remote.SshClusterLauncher}); the
 * {@link NodeProcess} says which. Every node process is stopped by its PID when the cluster is
 * closed and when the controller exits (a shutdown hook, which first gives the run time to heal
 * and close); a local node also exits when its standard input closes, so it dies with a controller
 * killed without running any hook.
 */
public final class NodeCluster implements Cluster {
    private static final Logger log = LoggerFactory.getLogger(NodeCluster.class);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int AGENT_TIMEOUT_MILLIS = 5_000;
    private static final int STATUS_TIMEOUT_MILLIS = 1_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final Duration HOOK_GRACE = Duration.ofSeconds(30);
    /** Long enough for a few hundred client writes to pile up unsynced before a power-loss kill. */
    private static final Duration POWER_LOSS_EXPOSURE = Duration.ofSeconds(2);

    private final Map<String, NodeProcess> nodes;
    private final Map<String, AgentClient> agents = new LinkedHashMap<>();
    /** Connections for status samples only ({@link #statusProbe}). */
    private final Map<String, AgentClient> probes = new LinkedHashMap<>();
    private final String target;
    private final String token;
    private final long seed;
    private final AgentNemesis nemesis;
    private final ExitGuard exitGuard = new ExitGuard("faultline-node-cluster-shutdown", HOOK_GRACE, this::close);
    private final Map<String, Integer> starts = new LinkedHashMap<>();

    private NodeCluster(Map<String, ? extends NodeProcess> nodes, String target, String token, long seed) {
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        this.target = target;
        this.token = token;
        this.seed = seed;
        this.nemesis = new AgentNemesis(this.nodes, agents, this::launch, POWER_LOSS_EXPOSURE);
    }

    /**
     * Starts every node in parallel and waits until each answers its agent's status call.
     *
     * @param nodes the node processes by name, not started yet
     * @param target the target they run, for the clients
     * @param token the run's agent token
     * @param seed the run's seed; each start of each node gets its own seed derived from it
     * @throws ClusterStartException naming the node that did not start and why; every node that
     *     did start is stopped first
     */
    public static NodeCluster start(Map<String, ? extends NodeProcess> nodes, String target, String token, long seed)
            throws ClusterStartException, InterruptedException {
        NodeCluster cluster = new NodeCluster(nodes, target, token, seed);
        cluster.exitGuard.arm();
        try {
            cluster.startAll();
            return cluster;
        } catch (ClusterStartException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws ClusterStartException, InterruptedException {
        List<Thread> threads = new ArrayList<>();
        Map<String, Exception> failures = Collections.synchronizedMap(new LinkedHashMap<>());
        for (String name : nodes.keySet()) {
            Thread thread = new Thread(() -> {
                try {
                    launch(name);
                } catch (Exception e) {
                    failures.put(name, e);
                }
            }, "faultline-start-" + name);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            Exception first = failures.values().iterator().next();
            throw first instanceof ClusterStartException start ? start : new ClusterStartException(first.getMessage(), first);
        }
    }

    /** Starts (or restarts, on its own ports, with its data directory) a node's process; waits until its agent answers. */
    private void launch(String name) throws ClusterStartException, InterruptedException {
        int start;
        synchronized (starts) {
            start = starts.merge(name, 1, Integer::sum);
        }
        NodeProcess node = nodes.get(name);
        node.start(SplitRandom.derive(seed, "node-" + name + "-" + start), READY_TIMEOUT);
        AgentClient agent;
        synchronized (agents) {
            agent = agents.computeIfAbsent(name, n -> new AgentClient(node.agent(), token, AGENT_TIMEOUT_MILLIS));
        }
        agent.close(); // A connection to the node's previous process is dead; the next call reconnects.
        awaitAgent(name, agent);
    }

    /** Healthy means the agent answers a status call; a JVM just started may take a few seconds. */
    private void awaitAgent(String name, AgentClient agent) throws ClusterStartException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                agent.status();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !nodes.get(name).isAlive()) {
                    throw new ClusterStartException("node " + name + " started but its agent does not answer: " + e.getMessage(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(nodes.keySet());
    }

    /** The node's client address, fixed at its first start. */
    public InetSocketAddress clientAddress(String name) {
        NodeProcess node = nodes.get(name);
        return node == null ? null : node.client();
    }

    @Override
    public ClientFactory clients() {
        boolean clientSessions = TargetRegistry.builtIn().find(target).clientSessions();
        return node -> new KvTargetClient(node, nodes(), this::clientAddress, CONNECT_TIMEOUT_MILLIS, clientSessions);
    }

    @Override
    public Nemesis nemesis() {
        return nemesis;
    }

    /** The node that believes it leads (its status names itself), the highest term winning. */
    @Override
    public Optional<String> leader() {
        NodeStatus best = null;
        String leader = null;
        for (Map.Entry<String, NodeStatus> entry : statuses().entrySet()) {
            NodeStatus status = entry.getValue();
            if (entry.getKey().equals(status.leader()) && (best == null || status.term() > best.term())) {
                best = status;
                leader = entry.getKey();
            }
        }
        return Optional.ofNullable(leader);
    }

    /**
     * The agent of a node whose process runs and is not paused, or null. A paused node's agent
     * would only time out: asking it would hold up the nemesis (which looks up the leader before
     * each fault that targets it) by the whole agent timeout.
     */
    private AgentClient liveAgent(String name) {
        AgentClient agent;
        synchronized (agents) {
            agent = agents.get(name);
        }
        NodeProcess node = nodes.get(name);
        return agent != null && node.isAlive() && !node.isPaused() ? agent : null;
    }

    /**
     * A node's status through a connection of its own to the node's agent, with a short timeout:
     * so a paused node shows as unreachable within a second, and sampling never waits on the
     * nemesis's connection. Empty when the node is not running or does not answer in time.
     */
    @Override
    public Optional<StatusProbe> statusProbe() {
        return Optional.of(name -> {
            NodeProcess node = nodes.get(name);
            if (node == null || !node.isAlive() || node.agent() == null) {
                return Optional.empty();
            }
            AgentClient probe;
            synchronized (probes) {
                probe = probes.computeIfAbsent(name, n -> new AgentClient(node.agent(), token, STATUS_TIMEOUT_MILLIS));
            }
            try {
                return Optional.of(probe.status().status());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The status of every node that answers now. */
    private Map<String, NodeStatus> statuses() {
        Map<String, NodeStatus> statuses = new LinkedHashMap<>();
        for (String name : nodes.keySet()) {
            AgentClient agent = liveAgent(name);
            if (agent == null) {
                continue;
            }
            try {
                statuses.put(name, agent.status().status());
            } catch (IOException e) {
                log.debug("node {} did not answer status: {}", name, e.toString());
            }
        }
        return statuses;
    }

    /**
     * Quiet means: every node answers; the nodes that name a leader all name the same one, which
     * names itself; every node has applied all it committed, and all committed the same; and the
     * same holds at two polls in a row.
     */
    @Override
    public void awaitQuiescence(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Map<String, NodeStatus> previous = null;
        while (System.nanoTime() < deadline) {
            Map<String, NodeStatus> now = statuses();
            if (quiet(now) && now.equals(previous)) {
                return;
            }
            previous = quiet(now) ? now : null;
            Thread.sleep(200);
        }
        log.info("the cluster was not quiet after {} ms; going on with the final reads", max.toMillis());
    }

    private boolean quiet(Map<String, NodeStatus> statuses) {
        if (statuses.size() != nodes.size()) {
            return false;
        }
        String leader = null;
        Long commit = null;
        for (Map.Entry<String, NodeStatus> entry : statuses.entrySet()) {
            NodeStatus status = entry.getValue();
            if (status.leader() != null) {
                if (leader != null && !leader.equals(status.leader())) {
                    return false;
                }
                leader = status.leader();
            }
            if (status.appliedIndex() != status.commitIndex() || (commit != null && commit != status.commitIndex())) {
                return false;
            }
            commit = status.commitIndex();
        }
        return leader == null || (statuses.containsKey(leader) && leader.equals(statuses.get(leader).leader()));
    }

    /**
     * Copies the logs of nodes that write them elsewhere (remote nodes; local ones write in place)
     * and adds each node's last status as {@code status.json}.
     */
    @Override
    public void collectLogs(Path nodesDir) throws IOException {
        for (String name : nodes.keySet()) {
            Files.createDirectories(nodesDir.resolve(name));
            try {
                nodes.get(name).copyLogs(nodesDir.resolve(name));
            } catch (IOException e) {
                log.warn("the logs of node {} could not be copied: {}", name, e.toString());
            }
            AgentClient agent = liveAgent(name);
            if (agent == null) {
                continue;
            }
            try {
                AgentResponse response = agent.call(new StatusRequest());
                Files.createDirectories(nodesDir.resolve(name));
                Files.writeString(nodesDir.resolve(name).resolve("status.json"), AgentCodec.writeResponse(response) + "\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                log.warn("node {} gave no final status: {}", name, e.toString());
            }
        }
    }

    /** Kills every node by its PID; waits until each is gone. */
    @Override
    public void close() {
        for (NodeProcess node : nodes.values()) {
            try {
                node.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("{}", e.getMessage());
            }
        }
        synchronized (agents) {
            agents.values().forEach(AgentClient::close);
        }
        synchronized (probes) {
            probes.values().forEach(AgentClient::close);
        }
        exitGuard.closed();
    }

    /** For tests: the PID of each node process running now. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (node.isAlive()) {
                pids.put(name, node.pid());
            }
        });
        return pids;
    }
}
