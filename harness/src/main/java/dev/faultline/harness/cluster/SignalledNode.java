package dev.faultline.harness.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What every {@link NodeProcess} keeps the same way, wherever it runs: its name, the addresses
 * where the controller reaches its client port and agent, and whether it is paused; pausing and
 * resuming are a signal by PID, sent however the subclass reaches the process.
 */
public abstract class SignalledNode implements NodeProcess {
    protected final String id;
    private InetSocketAddress client;
    private InetSocketAddress agent;
    /** Stopped with SIGSTOP and not yet continued: it answers nothing, so nobody should wait for it. */
    private boolean paused;

    protected SignalledNode(String id) {
        this.id = id;
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) to the process by PID. */
    protected abstract void signal(String signal) throws IOException, InterruptedException;

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final synchronized InetSocketAddress client() {
        return client;
    }

    @Override
    public final synchronized InetSocketAddress agent() {
        return agent;
    }

    @Override
    public final synchronized boolean isPaused() {
        return paused;
    }

    @Override
    public final void pause() throws IOException, InterruptedException {
        signal("STOP");
        synchronized (this) {
            paused = true;
        }
    }

    @Override
    public final void resume() throws IOException, InterruptedException {
        signal("CONT");
        synchronized (this) {
            paused = false;
        }
    }

    /** A new process runs (or none does): it is not paused. */
    protected final synchronized void notPaused() {
        paused = false;
    }

    /** Where the controller reaches the node from now on. */
    protected final synchronized void reachedAt(InetSocketAddress client, InetSocketAddress agent) {
        this.client = client;
        this.agent = agent;
    }
}
