package dev.faultline.harness.local;

import dev.faultline.harness.cluster.ClusterStartException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code faultline node} child process: started, waited for until it prints its ready line,
 * killed with SIGKILL, paused with SIGSTOP and resumed with SIGCONT — always through the PID of
 * the process this object started, never by name. Its standard error is appended to
 * {@code node.log}, so a restarted node's log follows the killed one's. The node is told to exit
 * when its standard input closes, so it dies with the controller even when the controller is
 * killed with SIGKILL and runs no shutdown hook.
 */
final class LocalNode {
    private static final Pattern READY = Pattern.compile("node (\\S+) ready target=\\S+ client=(\\S+):(\\d+) agent=(\\S+):(\\d+) .*");

    private final String id;
    private final Path log;
    private final String token;
    private Process process;
    private InetSocketAddress client;
    private InetSocketAddress agent;
    /** Stopped with SIGSTOP and not yet continued: it answers nothing, so nobody should wait for it. */
    private boolean paused;

    LocalNode(String id, Path log, String token) {
        this.id = id;
        this.log = log;
        this.token = token;
    }

    String id() {
        return id;
    }

    synchronized InetSocketAddress client() {
        return client;
    }

    synchronized InetSocketAddress agent() {
        return agent;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    synchronized long pid() {
        return process.pid();
    }

    /**
     * Starts the process and waits for its ready line.
     *
     * @throws ClusterStartException when it exits or stays silent; the process is killed then
     * @throws IllegalStateException when the node's previous process is still running: starting
     *     another would lose track of it
     */
    void start(List<String> command, Duration readyTimeout) throws ClusterStartException, InterruptedException {
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
            paused = false;
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readLine(out));
        String line;
        try {
            line = ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            line = null;
        } catch (InterruptedException e) {
            kill(); // Not left half-started: the caller will not know about it.
            throw e;
        }
        Matcher match = READY.matcher(line == null ? "" : line);
        if (!match.matches()) {
            kill();
            Integer status = started.isAlive() ? null : started.exitValue();
            throw new ClusterStartException("node " + id + " did not start"
                    + (status != null ? " (exit status " + status + ")" : " within " + readyTimeout.toSeconds() + " s")
                    + ": " + ChildJvm.lastLogLine(log));
        }
        synchronized (this) {
            client = new InetSocketAddress(match.group(2), Integer.parseInt(match.group(3)));
            agent = new InetSocketAddress(match.group(4), Integer.parseInt(match.group(5)));
        }
        Thread drain = new Thread(() -> {
            while (readLine(out) != null) {
                // The node prints nothing after its ready line; this keeps the pipe from filling if it did.
            }
        }, "faultline-node-" + id + "-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null) {
            ProcessSignals.kill(current, "node " + id);
        }
    }

    /** SIGSTOP: the whole node, agent included, stops until {@link #resume}. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
        synchronized (this) {
            paused = true;
        }
    }

    /** SIGCONT. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
        synchronized (this) {
            paused = false;
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process current;
        synchronized (this) {
            if (process == null) {
                throw new IOException("node " + id + " is not running");
            }
            current = process;
        }
        ProcessSignals.signal(current, signal, "node " + id);
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
