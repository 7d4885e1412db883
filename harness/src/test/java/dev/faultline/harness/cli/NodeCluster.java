package dev.faultline.harness.cli;

import dev.faultline.nemesis.agent.AgentClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster of {@code faultline node TARGET} processes on 127.0.0.1 for integration tests: peer
 * ports probed free up front, one data directory and log per node under the test's directory, an
 * agent client per node. {@link #close()} stops every process it started, each by its own PID,
 * even when one refuses to die; a killed node can be started again on the same ports and data.
 */
final class NodeCluster implements AutoCloseable {
    private final Path dir;
    private final String target;
    private final List<String> extraArgs;
    private final String peers;
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final Map<String, AgentClient> agents = new LinkedHashMap<>();
    private final List<NodeProcess> everyProcess = new ArrayList<>();

    private NodeCluster(Path dir, String target, List<String> ids, List<String> extraArgs) throws IOException {
        this.dir = dir;
        this.target = target;
        this.extraArgs = List.copyOf(extraArgs);
        this.peers = NodeProcess.loopbackPeers(ids);
        ids.forEach(id -> nodes.put(id, null));
    }

    /** Starts every node of {@code ids} running {@code target} with {@code extraArgs} (bugs, target options). */
    static NodeCluster start(Path dir, String target, List<String> ids, List<String> extraArgs)
            throws IOException, InterruptedException {
        NodeCluster cluster = new NodeCluster(dir, target, ids, extraArgs);
        try {
            for (String id : ids) {
                cluster.startNode(id);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts (or restarts, on its old data directory) node {@code id}. */
    NodeProcess startNode(String id) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(target, "--id", id, "--data", dir.resolve(id).toString(),
                "--peers", peers, "--client-port", "0", "--agent-port", "0"));
        args.addAll(extraArgs);
        NodeProcess node = NodeProcess.start(dir.resolve(id + ".log"), args.toArray(String[]::new));
        everyProcess.add(node);
        nodes.put(id, node);
        AgentClient old = agents.put(id, new AgentClient(node.agent, NodeProcess.TOKEN, 10_000));
        if (old != null) {
            old.close();
        }
        return node;
    }

    List<String> ids() {
        return new ArrayList<>(nodes.keySet());
    }

    NodeProcess node(String id) {
        return nodes.get(id);
    }

    AgentClient agent(String id) {
        return agents.get(id);
    }

    @Override
    public void close() {
        agents.values().forEach(AgentClient::close);
        // Each by its own PID; one that fails to die must not keep the others alive.
        everyProcess.forEach(NodeProcess::close);
    }
}
