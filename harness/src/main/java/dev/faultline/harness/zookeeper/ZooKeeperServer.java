package dev.faultline.harness.zookeeper;

import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.local.ChildJvm;
import dev.faultline.harness.local.ProcessSignals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One ZooKeeper server: a child JVM running {@link ServerMain} with the node's {@code zoo.cfg},
 * its data under {@code nodes/<node>/data}, its output appended to {@code nodes/<node>/node.log}
 * (so a restarted server's log follows the killed one's). Killed, paused and resumed only through
 * the PID of the process this object started.
 */
final class ZooKeeperServer {
    /** ZooKeeper's log configuration inside the jar: INFO to standard output, hence node.log. */
    private static final String LOGBACK_RESOURCE = "zookeeper-logback.xml";
    private static final int STATUS_TIMEOUT_MILLIS = 1_000;

    private final String node;
    private final Path directory;
    private final int clientPort;
    private Process process;
    private boolean paused;

    ZooKeeperServer(String node, Path directory, int clientPort) {
        this.node = node;
        this.directory = directory;
        this.clientPort = clientPort;
    }

    String node() {
        return node;
    }

    int clientPort() {
        return clientPort;
    }

    Path log() {
        return directory.resolve("node.log");
    }

    /** Writes {@code myid} and {@code zoo.cfg}; done once, before the first start. */
    void configure(EnsembleLayout layout) throws IOException {
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("myid"), layout.serverId(node) + "\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("zoo.cfg"), layout.zooCfg(node, data), StandardCharsets.UTF_8);
    }

    /**
     * Starts the process; it serves only once a quorum has formed ({@link #status}).
     *
     * @throws IllegalStateException when its previous process still runs: another would lose track of it
     */
    synchronized void start() throws ClusterStartException {
        if (isAlive()) {
            throw new IllegalStateException("zookeeper " + node + " (pid " + process.pid() + ") is still running");
        }
        List<String> command = ChildJvm.command(List.of("-Dlogback.configurationFile=" + LOGBACK_RESOURCE,
                "-Dzookeeper.jmx.log4j.disable=true"), ServerMain.class.getName(), List.of(directory.resolve("zoo.cfg").toString()));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new ClusterStartException("zookeeper " + node + " could not be started: " + e.getMessage(), e);
        }
        paused = false;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** Running and not paused: it may answer. */
    synchronized boolean isUp() {
        return isAlive() && !paused;
    }

    synchronized Optional<Long> pid() {
        return isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    /** The exit status of a process that ended, for a start error. */
    synchronized Optional<Integer> exitStatus() {
        return process != null && !process.isAlive() ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
            paused = false;
        }
        if (current != null) {
            ProcessSignals.kill(current, "zookeeper " + node);
        }
    }

    synchronized void pause() throws IOException, InterruptedException {
        ProcessSignals.signal(process, "STOP", "zookeeper " + node);
        paused = true;
    }

    synchronized void resume() throws IOException, InterruptedException {
        ProcessSignals.signal(process, "CONT", "zookeeper " + node);
        paused = false;
    }

    /** What the server says of itself ({@code srvr}); empty when it is down, paused or not serving. */
    Optional<ServerState> status() {
        if (!isUp()) {
            return Optional.empty();
        }
        return ServerState.ask(clientPort, STATUS_TIMEOUT_MILLIS);
    }
}
