package dev.faultline.harness.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.cluster.ExitGuard;
import dev.faultline.harness.cluster.NodeCluster;
import dev.faultline.harness.cluster.NodeProcess;
import dev.faultline.harness.local.LocalNode;
import dev.faultline.harness.local.NodeCommandLine;
import dev.faultline.harness.local.NodeStartCommand;
import dev.faultline.harness.netns.NetnsLayout.NetnsNode;
import dev.faultline.harness.store.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts a cluster in netns mode (DESIGN.md §6): the run's {@link NetnsNetwork} (a bridge, one
 * network namespace per node), then each {@code faultline node} as a child process of the controller
 * inside its namespace ({@code ip netns exec NS java ...}, which execs, so the child's PID is the
 * JVM's and kill, pause and resume by PID work as in local mode), listening for peers, clients and
 * the agent on its own address. The network is recorded in {@code nodes/netns.json} before it is
 * created, and removed when the cluster closes, when the start fails, and from a shutdown hook if
 * the controller exits without closing it.
 */
public final class NetnsClusterLauncher implements ClusterLauncher {
    private static final Duration HOOK_GRACE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String target;
    private final List<String> bugs;
    private final Map<String, String> targetOptions;
    private final long seed;
    private final CommandRunner runner = new HostCommands();

    public NetnsClusterLauncher(String target, List<String> bugs, Map<String, String> targetOptions, long seed) {
        this.target = target;
        this.bugs = List.copyOf(bugs);
        this.targetOptions = Map.copyOf(targetOptions);
        this.seed = seed;
    }

    /**
     * Refuses, before a run starts, a host where netns mode cannot work: not root, no {@code ip} or
     * {@code tc}, or a network namespace that cannot be created (a probe namespace is created and
     * removed).
     *
     * @throws UserInputException one line saying which
     */
    public static void checkHost(CommandRunner runner) throws InterruptedException {
        String uid;
        try {
            uid = runner.run(List.of("id", "-u")).strip();
            runner.run(List.of("ip", "-V"));
            runner.run(List.of("tc", "-V"));
        } catch (IOException e) {
            throw new UserInputException("--netns needs id, and iproute2's ip and tc, on the PATH: " + e.getMessage(), e);
        }
        if (!uid.equals("0")) {
            throw new UserInputException("--netns needs root (it creates network namespaces, a bridge and tc rules); this is uid " + uid);
        }
        String probe = "fl-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3)) + "-probe";
        try {
            runner.run(List.of("ip", "netns", "add", probe));
        } catch (IOException e) {
            throw new UserInputException("--netns: cannot create a network namespace: " + e.getMessage(), e);
        }
        try {
            runner.run(List.of("ip", "netns", "del", probe));
        } catch (IOException e) {
            throw new UserInputException("--netns: cannot remove the probe namespace " + probe + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Cluster start(List<String> names, Path runDirectory) throws ClusterStartException, InterruptedException {
        NetnsLayout layout;
        try {
            // Names and subnet from a fresh random, not the run's seed: two runs of one seed side by side must not collide.
            layout = NetnsLayout.allocate(names, new SecureRandom(), prefixesInUse());
            Files.createDirectories(runDirectory.resolve("nodes"));
            JsonFiles.writeMap(runDirectory.resolve("nodes").resolve("netns.json"), layout.describe());
        } catch (IOException | IllegalArgumentException e) {
            throw new ClusterStartException("netns: " + e.getMessage(), e);
        }
        AtomicReference<NodeCluster> started = new AtomicReference<>();
        AtomicReference<NetnsNetwork> created = new AtomicReference<>();
        ExitGuard exitGuard = new ExitGuard("faultline-netns-shutdown", HOOK_GRACE, () -> {
            if (started.get() != null) {
                started.get().close();
            }
            if (created.get() != null) {
                created.get().close();
            }
        });
        exitGuard.arm();
        NetnsNetwork network;
        try {
            network = NetnsNetwork.create(layout, runner);
        } catch (IOException e) {
            exitGuard.closed();
            throw new ClusterStartException("netns: the network could not be created: " + e.getMessage(), e);
        }
        created.set(network);
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try {
            started.set(NodeCluster.start(nodes(layout, runDirectory.resolve("nodes"), token), target, token, seed));
        } catch (ClusterStartException | InterruptedException | RuntimeException e) {
            network.close();
            exitGuard.closed();
            throw e;
        }
        return new NetnsCluster(started.get(), network, runner, exitGuard);
    }

    /** Each node a child process in its namespace, its log in {@code nodesDir/<node>/node.log}. */
    private Map<String, NodeProcess> nodes(NetnsLayout layout, Path nodesDir, String token) {
        NodeCommandLine commandLine = new NodeCommandLine(target, bugs, targetOptions, layout.peers(), nodesDir);
        NodeStartCommand inNamespace = (node, clientPort, agentPort, nodeSeed) -> {
            NetnsNode place = layout.node(node);
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", place.namespace()));
            command.addAll(commandLine.command(node, clientPort, agentPort, nodeSeed));
            command.addAll(List.of("--agent-host", place.address()));
            return command;
        };
        Map<String, NodeProcess> nodes = new LinkedHashMap<>();
        for (NetnsNode node : layout.nodes()) {
            nodes.put(node.name(), new LocalNode(node.name(), nodesDir.resolve(node.name()).resolve("node.log"), token, inNamespace,
                    0, 0));
        }
        return nodes;
    }

    /** Every IPv4 route destination and address-with-prefix of the host ({@code ip -j}), but the default route. */
    private List<Ipv4Prefix> prefixesInUse() throws IOException, InterruptedException {
        List<Ipv4Prefix> inUse = new ArrayList<>();
        try {
            for (JsonNode route : JSON.readTree(runner.run(List.of("ip", "-j", "-4", "route", "show", "table", "all")))) {
                String destination = route.path("dst").asText("default");
                if (!destination.equals("default")) {
                    inUse.add(Ipv4Prefix.parse(destination));
                }
            }
            for (JsonNode link : JSON.readTree(runner.run(List.of("ip", "-j", "-4", "addr")))) {
                for (JsonNode address : link.path("addr_info")) {
                    inUse.add(Ipv4Prefix.parse(address.path("local").asText() + "/" + address.path("prefixlen").asInt(32)));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read this host's routes and addresses: " + e.getMessage(), e);
        }
        return inUse;
    }
}
