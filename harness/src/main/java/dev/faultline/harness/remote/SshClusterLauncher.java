package dev.faultline.harness.remote;

import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.cluster.NodeProcess;
import dev.faultline.harness.cluster.NodeCluster;
import dev.faultline.harness.local.NodeCommandLine;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a cluster of {@code faultline node TARGET} processes on SSH hosts (DESIGN.md §6, ssh
 * mode), node i on host i: uploads the faultline jar to {@code <remote-dir>/faultline.jar} on each
 * host (skipped when the host has it with the same checksum), makes the run's directory
 * {@code <remote-dir>/<test>/<timestamp>/} there with the agent token (mode 600) and one directory
 * per node (data, {@code node.log}, {@code node.out}, {@code node.pid}), and starts each node with
 * nohup. Peers talk over the hosts' own addresses, node i on port {@code peerPortBase + i - 1}; the
 * controller reaches each node's client port and its loopback-bound agent through SSH forwards.
 * The running cluster is the same as in local mode ({@link NodeCluster}), so every fault kind
 * works unchanged: partitions, link faults, clock and power loss through the node agents, kill and
 * pause by PID over SSH.
 */
public final class SshClusterLauncher implements ClusterLauncher {
    private static final Logger log = LoggerFactory.getLogger(SshClusterLauncher.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final RemoteHosts remote;
    private final List<SshHost> nodeHosts;
    private final Path jar;
    private final String remoteDirectory;
    private final int peerPortBase;
    private final String target;
    private final List<String> bugs;
    private final Map<String, String> targetOptions;
    private final long seed;

    /**
     * @param nodeHosts the host of each node, in node order
     * @param jar the faultline jar to run on the hosts
     * @param remoteDirectory the base directory on every host (relative: to the user's home)
     * @param peerPortBase node i's peer port is {@code peerPortBase + i - 1}, so that several nodes may share a host
     */
    public SshClusterLauncher(RemoteHosts remote, List<SshHost> nodeHosts, Path jar, String remoteDirectory, int peerPortBase,
            String target, List<String> bugs, Map<String, String> targetOptions, long seed) {
        this.remote = remote;
        this.nodeHosts = List.copyOf(nodeHosts);
        this.jar = jar;
        this.remoteDirectory = remoteDirectory;
        this.peerPortBase = peerPortBase;
        this.target = target;
        this.bugs = List.copyOf(bugs);
        this.targetOptions = Map.copyOf(targetOptions);
        this.seed = seed;
    }

    @Override
    public Cluster start(List<String> nodes, Path runDirectory) throws ClusterStartException, InterruptedException {
        if (nodes.size() != nodeHosts.size()) {
            throw new IllegalArgumentException(nodes.size() + " nodes for " + nodeHosts.size() + " hosts");
        }
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String runPath = runDirectory.getParent().getFileName() + "/" + runDirectory.getFileName();
        Map<SshHost, String> runDirectories = new LinkedHashMap<>();
        for (SshHost host : remote.hosts()) {
            runDirectories.put(host, prepare(remote.session(host), runPath, token));
        }
        String peers = peers(nodes);
        Map<String, NodeProcess> processes = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            SshHost host = nodeHosts.get(i);
            String runOnHost = runDirectories.get(host);
            String base = runOnHost.substring(0, runOnHost.length() - runPath.length() - 1);
            NodeCommandLine commandLine = new NodeCommandLine(target, bugs, targetOptions, peers, Path.of(runOnHost));
            processes.put(nodes.get(i), new RemoteNode(nodes.get(i), remote.session(host), commandLine, remote.java(),
                    base + "/faultline.jar", runOnHost + "/" + nodes.get(i), runOnHost + "/agent-token"));
        }
        return NodeCluster.start(processes, target, token, seed);
    }

    /**
     * Uploads the jar unless the host has it, makes the run's directory and writes the token.
     *
     * @return the run's directory on the host, absolute
     */
    private String prepare(SshRemote session, String runPath, String token) throws ClusterStartException, InterruptedException {
        try {
            String base = session.run("mkdir -p " + Shell.quote(remoteDirectory) + " && cd " + Shell.quote(remoteDirectory) + " && pwd",
                    COMMAND_TIMEOUT).strip();
            boolean sent = session.upload(jar, base + "/faultline.jar", UPLOAD_TIMEOUT);
            log.info("{}: {} {}/faultline.jar", session.host(), sent ? "uploaded" : "already has", base);
            String runOnHost = base + "/" + runPath;
            String tokenFile = runOnHost + "/agent-token";
            // The file is made private before the token goes in, and the token never appears on a command line.
            session.run("umask 077 && mkdir -p " + Shell.quote(runOnHost) + " && : > " + Shell.quote(tokenFile), COMMAND_TIMEOUT);
            session.write(token, tokenFile);
            return runOnHost;
        } catch (IOException e) {
            throw new ClusterStartException(e.getMessage(), e);
        }
    }

    /** {@code n1=HOST1:PORT1,...}: the hosts' own addresses, one port per node. */
    private String peers(List<String> nodes) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            peers.add(nodes.get(i) + "=" + nodeHosts.get(i).host() + ":" + (peerPortBase + i));
        }
        return String.join(",", peers);
    }
}
