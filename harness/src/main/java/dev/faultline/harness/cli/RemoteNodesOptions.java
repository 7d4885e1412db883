package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.remote.NodesFile;
import dev.faultline.harness.remote.RemoteHosts;
import dev.faultline.harness.remote.SshClusterLauncher;
import dev.faultline.harness.remote.SshHost;
import dev.faultline.harness.remote.SshSettings;
import dev.faultline.harness.run.TestConfig;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The options of ssh mode (DESIGN.md §6): nodes on hosts or VMs named in a nodes file, reached
 * over SSH. Named as Jepsen names them ({@code --nodes-file}, {@code --username},
 * {@code --ssh-private-key}), so a Jepsen user's command lines carry over.
 */
final class RemoteNodesOptions {
    @Option(names = "--nodes-file", paramLabel = "FILE",
            description = "Run the nodes on other hosts over SSH instead of on this machine: one host per line, [user@]host[:port], node n1 on the first line; # starts a comment. A host may be named on several lines to run several nodes. The node count is the number of hosts (--nodes, if given, must agree). The hosts need a JDK 17+ on the PATH of a non-interactive shell and SFTP; nothing else.")
    Path nodesFile;

    @Option(names = "--username", paramLabel = "USER",
            description = "The SSH user for hosts whose line names none. Default: this user (${sys:user.name}).")
    String username = System.getProperty("user.name");

    @Option(names = "--ssh-private-key", paramLabel = "FILE",
            description = "An OpenSSH private key (ed25519 or RSA, not passphrase-protected) to log in with (repeatable). Default: the ssh-agent at SSH_AUTH_SOCK when set, else ~/.ssh/id_ed25519 and ~/.ssh/id_rsa, whichever exist.")
    List<Path> privateKeys = new ArrayList<>();

    @Option(names = "--ssh-port", paramLabel = "PORT", defaultValue = "22",
            description = "The SSH port for hosts whose line names none. Default: ${DEFAULT-VALUE}.")
    int sshPort;

    @Option(names = "--ssh-known-hosts", paramLabel = "FILE",
            description = "The known_hosts file every host's key must be in (a [host]:port entry for a port other than 22). Default: ~/.ssh/known_hosts.")
    Path knownHosts;

    @Option(names = "--ssh-accept-new",
            description = "Trust a host whose key is not in the known_hosts file yet and add it there (OpenSSH's StrictHostKeyChecking=accept-new); a host whose key changed is still refused. Default: refuse unknown hosts.")
    boolean acceptNewHostKeys;

    @Option(names = "--ssh-connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long a host may take to answer and let us in. Default: ${DEFAULT-VALUE}.")
    int connectTimeoutSeconds;

    @Option(names = "--remote-dir", paramLabel = "DIR", defaultValue = "faultline",
            description = "The directory on each host for the jar and the runs (<DIR>/<test>/<timestamp>/<node>/: data, node.log, node.pid); relative to the user's home. Default: ${DEFAULT-VALUE}.")
    String remoteDirectory;

    @Option(names = "--remote-java", paramLabel = "COMMAND", defaultValue = "java",
            description = "The Java (17 or newer) to run the nodes with on each host. Default: ${DEFAULT-VALUE}.")
    String remoteJava;

    @Option(names = "--peer-port", paramLabel = "PORT", defaultValue = "7400",
            description = "Node i listens for its peers on the host's address at port PORT + i - 1 (open these ports between the hosts). Default: ${DEFAULT-VALUE}.")
    int peerPortBase;

    @Option(names = "--node-jar", paramLabel = "FILE",
            description = "The faultline jar to upload and run on the hosts (sent only when a host's copy differs, by SHA-256). Default: the jar this command runs from.")
    Path nodeJar;

    boolean remote() {
        return nodesFile != null;
    }

    /** The hosts of the nodes file, in node order; empty in local mode. */
    List<SshHost> nodeHosts() {
        return remote() ? NodesFile.read(nodesFile, username, sshPort) : List.of();
    }

    /** Connects to every host before the run begins, or null in local mode; the caller closes it. */
    RemoteHosts connect(List<SshHost> hosts) throws InterruptedException {
        if (!remote()) {
            return null;
        }
        if (peerPortBase < 1 || peerPortBase + hosts.size() - 1 > 65_535) {
            throw new UserInputException("--peer-port " + peerPortBase + " leaves no port for each of " + hosts.size() + " nodes");
        }
        jar(); // Fails before any host is touched when there is nothing to upload.
        return RemoteHosts.connect(hosts, settings(), remoteJava);
    }

    ClusterLauncher launcher(RemoteHosts remote, List<SshHost> hosts, TestConfig config) {
        return new SshClusterLauncher(remote, hosts, jar(), remoteDirectory, peerPortBase, config.target(), config.bugs(),
                config.targetOptions(), config.seedFor("nodes"));
    }

    private SshSettings settings() {
        if (connectTimeoutSeconds <= 0) {
            throw new UserInputException("--ssh-connect-timeout must be a positive number of seconds, was " + connectTimeoutSeconds);
        }
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        String agent = System.getenv("SSH_AUTH_SOCK");
        List<Path> keys = privateKeys;
        if (keys.isEmpty() && (agent == null || agent.isBlank())) {
            keys = Stream.of("id_ed25519", "id_rsa").map(ssh::resolve).filter(Files::isReadable).toList();
        }
        for (Path key : keys) {
            if (!Files.isReadable(key)) {
                throw new UserInputException("--ssh-private-key: cannot read " + key);
            }
        }
        return new SshSettings(keys, agent == null || agent.isBlank() ? null : Path.of(agent),
                knownHosts != null ? knownHosts : ssh.resolve("known_hosts"), acceptNewHostKeys, Duration.ofSeconds(connectTimeoutSeconds));
    }

    private Path jar() {
        if (nodeJar != null) {
            if (!Files.isRegularFile(nodeJar)) {
                throw new UserInputException("--node-jar: no such file: " + nodeJar);
            }
            return nodeJar;
        }
        try {
            Path running = Path.of(RemoteNodesOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(running) && running.toString().endsWith(".jar")) {
                return running;
            }
        } catch (URISyntaxException | SecurityException e) {
            // Then there is no jar to find: the user names one.
        }
        throw new UserInputException("--nodes-file needs the faultline jar to upload, and this command does not run from one: pass --node-jar");
    }
}
