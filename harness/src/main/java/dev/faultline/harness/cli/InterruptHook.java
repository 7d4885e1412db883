package dev.faultline.harness.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C while runs are under way: a shutdown hook that asks them to stop (no new operations,
 * then the heal, the teardown and the check of what was recorded) and holds the JVM until the
 * command has reported, at most two minutes. Shared by {@code test} and {@code compare}; closing it
 * says the command has reported and removes the hook.
 */
public final class InterruptHook implements AutoCloseable {
    private static final long REPORT_WAIT_SECONDS = 120;

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    /** @param abort asks the run in progress, and any still to come, to stop */
    public InterruptHook(PrintWriter err, Runnable abort) {
        this.hook = new Thread(() -> {
            err.println("faultline: interrupted: stopping the run, healing every fault, stopping every node");
            err.flush();
            abort.run();
            try {
                // The JVM exits when this hook returns: let the run heal, stop, check and report.
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faultline-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // The JVM is already exiting: the hook is running.
        }
    }
}
