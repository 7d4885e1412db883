package dev.faultline.harness.remote;

import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.cluster.ReadyLine;
import dev.faultline.harness.cluster.SignalledNode;
import dev.faultline.harness.local.ChildJvm;
import dev.faultline.harness.local.NodeCommandLine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code faultline node} on a host reached over SSH: started with nohup in its directory under
 * the run's remote directory (its PID in {@code node.pid}, its ready line in {@code node.out}, its
 * log in {@code node.log}), reached through local forwards of its client and agent ports, killed,
 * paused and resumed with {@code kill} by that PID, never by name. A restarted node gets the same
 * remote ports, so the forwards made at its first start still lead to it.
 */
final class RemoteNode extends SignalledNode {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #isAlive} trusts its last look: the cluster asks often, and each look is a round trip. */
    private static final long ALIVE_CACHE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long KILL_WAIT_SECONDS = 30;
    /**
     * {@code alive PID}: the process exists and is not a zombie, which {@code kill -0} alone would
     * count as alive until its parent reaps it.
     */
    private static final String ALIVE_FUNCTION = "alive() { kill -0 \"$1\" 2>/dev/null || return 1; "
            + "[ -r /proc/\"$1\"/stat ] || return 0; ! grep -q ') Z ' /proc/\"$1\"/stat 2>/dev/null; }\n";

    private final SshRemote remote;
    private final NodeCommandLine commandLine;
    private final String java;
    private final String jar;
    private final String directory;
    private final String tokenFile;
    private long pid = -1;
    private boolean alive;
    private long aliveCheckedNanos;
    private ReadyLine ready;

    /**
     * @param java the Java command on the host
     * @param jar the faultline jar on the host
     * @param directory this node's directory on the host
     * @param tokenFile the file on the host holding the run's agent token
     */
    RemoteNode(String id, SshRemote remote, NodeCommandLine commandLine, String java, String jar, String directory, String tokenFile) {
        super(id);
        this.remote = remote;
        this.commandLine = commandLine;
        this.java = java;
        this.jar = jar;
        this.directory = directory;
        this.tokenFile = tokenFile;
    }

    @Override
    public synchronized long pid() {
        return pid;
    }

    /** Whether the process runs (paused or not); looks on the host at most once a second. */
    @Override
    public boolean isAlive() {
        long checkPid;
        synchronized (this) {
            if (pid < 0 || System.nanoTime() - aliveCheckedNanos < ALIVE_CACHE_NANOS) {
                return pid >= 0 && alive;
            }
            checkPid = pid;
        }
        try {
            boolean now = remote.exec(ALIVE_FUNCTION + "alive " + checkPid, COMMAND_TIMEOUT).succeeded();
            synchronized (this) {
                if (pid == checkPid) {
                    alive = now;
                    aliveCheckedNanos = System.nanoTime();
                }
                return pid == checkPid ? now : alive;
            }
        } catch (RemoteException e) {
            synchronized (this) {
                return alive; // The host did not answer: it says nothing new about the process.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                return alive;
            }
        }
    }

    @Override
    public void start(long seed, Duration readyTimeout) throws ClusterStartException, InterruptedException {
        if (isAlive()) {
            throw new IllegalStateException("node " + id + " (pid " + pid() + " on " + remote.host() + ") is still running");
        }
        ReadyLine previous;
        synchronized (this) {
            previous = ready;
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ChildJvm.javaOptions());
        command.addAll(List.of("-cp", jar, NodeCommandLine.MAIN_CLASS));
        command.addAll(commandLine.nodeArguments(id, previous == null ? 0 : previous.client().getPort(),
                previous == null ? 0 : previous.agent().getPort(), seed));
        command.addAll(List.of("--agent-token-file", tokenFile));
        long started;
        try {
            started = Long.parseLong(remote.run("mkdir -p " + Shell.quote(directory) + " && cd " + Shell.quote(directory) + " || exit 1\n"
                    + "nohup " + Shell.join(command) + " > node.out 2>> node.log < /dev/null &\n"
                    + "echo $! > node.pid\necho $!", COMMAND_TIMEOUT).strip());
        } catch (IOException | NumberFormatException e) {
            throw new ClusterStartException("node " + id + " could not be started on " + remote.host() + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            pid = started;
            alive = true;
            aliveCheckedNanos = System.nanoTime();
        }
        notPaused();
        awaitReady(readyTimeout, previous == null);
    }

    /** Waits on the host for the ready line; forwards the ports at the first start. */
    private void awaitReady(Duration readyTimeout, boolean firstStart) throws ClusterStartException, InterruptedException {
        long polls = Math.max(1, readyTimeout.toMillis() / 200);
        String wait = ALIVE_FUNCTION + "cd " + Shell.quote(directory) + " || exit 1\ni=0\nwhile [ $i -lt " + polls + " ]; do\n"
                + "  if grep -q ' ready ' node.out 2>/dev/null; then head -n 1 node.out; exit 0; fi\n"
                + "  alive " + pid() + " || { echo \"exited: $(tail -n 1 node.log)\" >&2; exit 3; }\n"
                + "  sleep 0.2; i=$((i+1))\ndone\necho \"no ready line within " + readyTimeout.toSeconds() + " s: $(tail -n 1 node.log)\" >&2\nexit 4";
        try {
            ExecResult result = remote.exec(wait, readyTimeout.plus(COMMAND_TIMEOUT));
            Optional<ReadyLine> line = ReadyLine.parse(result.stdout());
            if (!result.succeeded() || line.isEmpty()) {
                throw new ClusterStartException("node " + id + " on " + remote.host() + " did not start: " + result.lastLine());
            }
            InetSocketAddress forwardedClient = firstStart ? remote.forward(line.get().client().getHostString(), line.get().client().getPort()) : client();
            InetSocketAddress forwardedAgent = firstStart ? remote.forward(line.get().agent().getHostString(), line.get().agent().getPort()) : agent();
            synchronized (this) {
                ready = line.get();
            }
            reachedAt(forwardedClient, forwardedAgent);
        } catch (IOException | ClusterStartException e) {
            kill(); // Not left half-started: the caller will not know about it.
            throw e instanceof ClusterStartException start ? start
                    : new ClusterStartException("node " + id + " on " + remote.host() + " did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void kill() throws InterruptedException {
        long target;
        synchronized (this) {
            target = pid;
        }
        if (target < 0) {
            return;
        }
        try {
            remote.run(ALIVE_FUNCTION + "kill -9 " + target + " 2>/dev/null\ni=0\nwhile alive " + target + "; do\n"
                    + "  [ $i -ge " + KILL_WAIT_SECONDS * 5 + " ] && { echo 'survived SIGKILL for " + KILL_WAIT_SECONDS + " s' >&2; exit 1; }\n"
                    + "  sleep 0.2; i=$((i+1))\ndone", Duration.ofSeconds(KILL_WAIT_SECONDS).plus(COMMAND_TIMEOUT));
        } catch (RemoteException e) {
            throw new IllegalStateException("node " + id + " (pid " + target + " on " + remote.host() + "): " + e.getMessage(), e);
        }
        synchronized (this) {
            alive = false;
            aliveCheckedNanos = System.nanoTime();
        }
        notPaused();
    }

    @Override
    protected void signal(String signal) throws IOException, InterruptedException {
        long target;
        synchronized (this) {
            target = pid;
        }
        if (target < 0) {
            throw new IOException("node " + id + " is not running");
        }
        remote.run("kill -" + signal + " " + target, COMMAND_TIMEOUT);
    }

    /** {@code node.log} (standard error) and {@code node.out} (the ready line) from the host. */
    @Override
    public void copyLogs(Path nodeDir) throws IOException {
        remote.download(directory + "/node.log", nodeDir.resolve("node.log"));
        remote.download(directory + "/node.out", nodeDir.resolve("node.out"));
    }
}
