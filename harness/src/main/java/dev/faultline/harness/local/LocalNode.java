package dev.faultline.harness.local;

import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.cluster.ReadyLine;
import dev.faultline.harness.cluster.SignalledNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code faultline node} child process: started, waited for until it prints its ready line,
 * killed with SIGKILL, paused with SIGSTOP and resumed with SIGCONT — always through the PID of
 * the process this object started, never by name. Its standard error is appended to
 * {@code node.log}, so a restarted node's log follows the killed one's. The node is told to exit
 * when its standard input closes, so it dies with the controller even when the controller is
 * killed with SIGKILL and runs no shutdown hook.
 */
public final class LocalNode extends SignalledNode {
    private final Path log;
    private final String token;
    private final NodeStartCommand commandLine;
    private final int firstClientPort;
    private final int firstAgentPort;
    private Process process;

    /**
     * @param log the node's log, appended to by every start
     * @param token the run's agent token, passed in the environment (never on the command line)
     * @param firstClientPort the client port of the first start (0: any free port); later starts reuse the port bound
     * @param firstAgentPort the agent port of the first start (0: any free port); later starts reuse the port bound
     */
    public LocalNode(String id, Path log, String token, NodeStartCommand commandLine, int firstClientPort, int firstAgentPort) {
        super(id);
        this.log = log;
        this.token = token;
        this.commandLine = commandLine;
        this.firstClientPort = firstClientPort;
        this.firstAgentPort = firstAgentPort;
    }

    @Override
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized long pid() {
        return process.pid();
    }

    /** @throws IllegalStateException when the node's previous process is still running: starting another would lose track of it */
    @Override
    public void start(long seed, Duration readyTimeout) throws ClusterStartException, InterruptedException {
        InetSocketAddress client = client();
        InetSocketAddress agent = agent();
        start(commandLine.command(id, client == null ? firstClientPort : client.getPort(),
                agent == null ? firstAgentPort : agent.getPort(), seed),
                readyTimeout);
    }

    private void start(List<String> command, Duration readyTimeout) throws ClusterStartException, InterruptedException {
        if (isAlive()) {
            throw new IllegalStateException("node " + id + " (pid " + pid() + ") is still running");
        }
        Process started;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("FAULTLINE_AGENT_TOKEN", token);
            started = builder.start();
        } catch (IOException e) {
            throw new ClusterStartException("node " + id + " could not be started: " + e.getMessage(), e);
        }
        synchronized (this) {
            process = started;
        }
        notPaused();
        BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> readLine(out));
        String line;
        try {
            line = firstLine.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            line = null;
        } catch (InterruptedException e) {
            kill(); // Not left half-started: the caller will not know about it.
            throw e;
        }
        Optional<ReadyLine> ready = ReadyLine.parse(line);
        if (ready.isEmpty()) {
            kill();
            Integer status = started.isAlive() ? null : started.exitValue();
            throw new ClusterStartException("node " + id + " did not start"
                    + (status != null ? " (exit status " + status + ")" : " within " + readyTimeout.toSeconds() + " s")
                    + ": " + ChildJvm.lastLogLine(log));
        }
        reachedAt(new InetSocketAddress(ready.get().client().getHostString(), ready.get().client().getPort()),
                new InetSocketAddress(ready.get().agent().getHostString(), ready.get().agent().getPort()));
        Thread drain = new Thread(() -> {
            while (readLine(out) != null) {
                // The node prints nothing after its ready line; this keeps the pipe from filling if it did.
            }
        }, "faultline-node-" + id + "-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    @Override
    public void kill() throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null) {
            ProcessSignals.kill(current, "node " + id);
        }
    }

    @Override
    protected void signal(String signal) throws IOException, InterruptedException {
        Process current;
        synchronized (this) {
            if (process == null) {
                throw new IOException("node " + id + " is not running");
            }
            current = process;
        }
        ProcessSignals.signal(current, signal, "node " + id);
    }

    /** The node's standard error goes to {@code node.log} in the run's node directory already. */
    @Override
    public void copyLogs(Path nodeDir) {
        // Nothing to copy.
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
