package dev.faultline.harness.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code faultline node} process of a cluster, wherever it runs: a child process of the
 * controller (local mode) or a process on another host reached over SSH (ssh mode). The cluster
 * reaches the node's client and agent ports at the addresses given here and hurts the process only
 * through its PID; everything else (partitions, clock, link faults, power loss) goes through the
 * node's agent, the same in every mode, except partitions in netns mode, which the kernel makes
 * ({@code netns.NetnsNemesis}).
 */
public interface NodeProcess {

    String id();

    /** Where the controller reaches the node's client port; null before the first start. */
    InetSocketAddress client();

    /** Where the controller reaches the node's agent; null before the first start. */
    InetSocketAddress agent();

    boolean isAlive();

    /** Stopped with SIGSTOP and not yet continued: it answers nothing, so nobody should wait for it. */
    boolean isPaused();

    /** The process's PID on the host it runs on. */
    long pid();

    /**
     * Starts the process and waits for its ready line: the first time on any free ports, later on
     * the ports of the first start, so clients and peers find a restarted node where it was.
     *
     * @throws ClusterStartException when it exits or stays silent; the process is killed then
     */
    void start(long seed, Duration readyTimeout) throws ClusterStartException, InterruptedException;

    /** SIGKILL by PID, and waits until the process is gone. */
    void kill() throws InterruptedException;

    /** SIGSTOP by PID: the whole node, agent included, stops until {@link #resume}. */
    void pause() throws IOException, InterruptedException;

    /** SIGCONT by PID. */
    void resume() throws IOException, InterruptedException;

    /** Copies the node's logs into {@code nodeDir}; a node that writes them there already has nothing to do. */
    void copyLogs(Path nodeDir) throws IOException;
}
