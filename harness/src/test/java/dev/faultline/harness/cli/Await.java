package dev.faultline.harness.cli;

import java.util.function.BooleanSupplier;

/** Bounded polling for integration tests: generous waits that still end, for a loaded 2-core machine. */
final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {}

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code waitMillis}. */
    static void until(String what, long waitMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + waitMillis + " ms waiting until " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
