package dev.faultline.harness.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a cluster's processes when the controller exits without closing it: a shutdown hook that
 * first gives the run time to heal and close by itself ({@code grace}), then runs {@code stop}.
 * {@link #closed} marks the normal close and removes the hook.
 */
public final class ExitGuard {
    private final Runnable stop;
    private final Duration grace;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    public ExitGuard(String name, Duration grace, Runnable stop) {
        this.stop = stop;
        this.grace = grace;
        this.hook = new Thread(this::onExit, name);
    }

    /** Registers the hook; call before starting the first process. */
    public void arm() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The cluster closed normally: the hook is no longer needed. */
    public void closed() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // Called from another shutdown hook: this one is running or done.
        }
    }

    private void onExit() {
        try {
            if (!closed.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                stop.run();
            }
        } catch (InterruptedException e) {
            stop.run();
        }
    }
}
