package dev.faultline.target.common.shell;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How to run one node.
 *
 * @param nodeId this node's id; a key of {@code peers}
 * @param target the target's name, for logs and status
 * @param peers every node's peer address, this one's included, in cluster order
 * @param dataDir where the write-ahead log lives
 * @param clientHost the address the client protocol listens on (this node's peer host)
 * @param clientPort the client protocol's port (0: any free port)
 * @param agentHost the address the agent listens on: 127.0.0.1, except where the controller cannot
 *     reach the node's loopback (a node in its own network namespace listens on its own address)
 * @param agentPort the agent's port on {@code agentHost} (0: any free port)
 * @param agentToken the run's agent token
 * @param tickIntervalMillis node monotonic time between two ticks
 * @param seed seeds the core's random and the link-fault decisions
 * @param inputQueueCapacity inputs waiting for the core thread before peers' messages are dropped
 *     and clients are told {@code overloaded}
 * @param linkQueueCapacity frames per peer link before new ones are dropped
 */
public record NodeConfig(
        String nodeId,
        String target,
        Map<String, InetSocketAddress> peers,
        Path dataDir,
        String clientHost,
        int clientPort,
        String agentHost,
        int agentPort,
        String agentToken,
        long tickIntervalMillis,
        long seed,
        int inputQueueCapacity,
        int linkQueueCapacity) {

    public static final long TICK_INTERVAL_MILLIS_DEFAULT = 10;
    public static final int INPUT_QUEUE_CAPACITY_DEFAULT = 16_384;
    public static final int LINK_QUEUE_CAPACITY_DEFAULT = 4_096;
    /** The agent is reached from this machine only, unless the node is told otherwise. */
    public static final String AGENT_HOST_DEFAULT = "127.0.0.1";

    public NodeConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(agentHost, "agentHost");
        peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        if (!peers.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not one of the peers " + peers.keySet());
        }
        requirePort("client port", clientPort);
        requirePort("agent port", agentPort);
        if (tickIntervalMillis < 1 || tickIntervalMillis > 60_000) {
            throw new IllegalArgumentException("the tick interval must be in [1, 60000] ms, was " + tickIntervalMillis);
        }
        if (inputQueueCapacity < 1 || linkQueueCapacity < 1) {
            throw new IllegalArgumentException("queue capacities must be positive");
        }
    }

    /**
     * Parses peer entries {@code ID=HOST:PORT} (the {@code --peers} syntax), keeping their order.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Map<String, InetSocketAddress> parsePeers(List<String> entries) {
        Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            int colon = entry.lastIndexOf(':');
            if (equals <= 0 || colon < equals + 2 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not ID=HOST:PORT");
            }
            String node = entry.substring(0, equals);
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' has no numeric port");
            }
            requirePort("port of " + node, port);
            if (peers.put(node, InetSocketAddress.createUnresolved(entry.substring(equals + 1, colon), port)) != null) {
                throw new IllegalArgumentException("node " + node + " is listed twice");
            }
        }
        Map<String, InetSocketAddress> resolved = new LinkedHashMap<>();
        peers.forEach((node, address) -> resolved.put(node, new InetSocketAddress(address.getHostString(), address.getPort())));
        return resolved;
    }

    /** The {@code --peers} form of {@code peers}: {@code n1=127.0.0.1:7001,n2=...}. */
    public static String formatPeers(Map<String, InetSocketAddress> peers) {
        StringJoiner text = new StringJoiner(",");
        peers.forEach((node, address) -> text.add(node + "=" + hostPort(address)));
        return text.toString();
    }

    /** {@code HOST:PORT}, with the host as given (no reverse lookup). */
    public static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the " + name + " must be in [0, 65535], was " + port);
        }
    }
}
