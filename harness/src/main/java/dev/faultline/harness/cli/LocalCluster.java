package dev.faultline.harness.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N {@code faultline node TARGET} processes on 127.0.0.1 that know each other: ids {@code n1..nN},
 * peer ports allocated here, client and agent ports chosen by each node, one data directory and one
 * log per node under {@code dir}, one agent token for all. Every process is stopped by its PID.
 */
final class LocalCluster implements AutoCloseable {
    private final List<String> launcher;
    private final String token;
    private final Path dir;
    private final Map<String, List<String>> arguments = new LinkedHashMap<>();
    private final Map<String, LocalNode> nodes = new LinkedHashMap<>();

    private LocalCluster(List<String> launcher, String token, Path dir) {
        this.launcher = List.copyOf(launcher);
        this.token = token;
        this.dir = dir;
    }

    /**
     * Starts every node and waits until each printed its ready line; if one fails, those already
     * started are stopped before this throws.
     *
     * @param nodeArgs added to every node's command line ({@code --bug}, {@code --target-opt}, ...)
     */
    static LocalCluster start(List<String> launcher, String target, int nodeCount, List<String> nodeArgs, Path dir,
            String token) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster(launcher, token, dir);
        List<String> ids = new ArrayList<>();
        StringBuilder peers = new StringBuilder();
        for (int i = 1; i <= nodeCount; i++) {
            String id = "n" + i;
            ids.add(id);
            peers.append(peers.length() == 0 ? "" : ",").append(id).append("=127.0.0.1:").append(freePort());
        }
        for (String id : ids) {
            List<String> args = new ArrayList<>(List.of(target, "--id", id, "--data", dir.resolve(id).toString(),
                    "--peers", peers.toString(), "--client-port", "0", "--agent-port", "0"));
            args.addAll(nodeArgs);
            cluster.arguments.put(id, args);
        }
        try {
            Files.createDirectories(dir);
            for (String id : ids) {
                cluster.restart(id);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** A port free now on the loopback interface (peers must know each other's ports before they start). */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    List<String> ids() {
        return List.copyOf(arguments.keySet());
    }

    String token() {
        return token;
    }

    /** The live node {@code id}, or null when it was killed. */
    LocalNode node(String id) {
        return nodes.get(id);
    }

    /** Each live node's client address, by id. */
    Map<String, InetSocketAddress> clientAddresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        nodes.forEach((id, node) -> addresses.put(id, node.client));
        return addresses;
    }

    /** SIGKILL of node {@code id} by its PID. */
    void kill(String id) throws InterruptedException {
        LocalNode node = nodes.remove(id);
        if (node != null) {
            node.kill9();
        }
    }

    /** Starts node {@code id} (again) with its data directory as the kill left it. */
    void restart(String id) throws IOException, InterruptedException {
        if (nodes.containsKey(id)) {
            throw new IllegalStateException(id + " is running");
        }
        nodes.put(id, LocalNode.start(launcher, arguments.get(id), token, dir.resolve(id + ".log")));
    }

    /** Stops every live node by PID; one that refuses to die does not keep the others alive. */
    @Override
    public void close() {
        nodes.values().forEach(LocalNode::close);
        nodes.clear();
    }
}
