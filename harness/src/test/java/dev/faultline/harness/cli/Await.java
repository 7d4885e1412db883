package dev.faultline.harness.cli;

import java.util.function.BooleanSupplier;

/** Bounded waits for integration tests: generous, since the machine may be loaded, but never endless. */
final class Await {
    private Await() {}

    /** Polls {@code condition} every 50 ms until it holds; fails naming {@code what} after {@code millis}. */
    static void until(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + millis + " ms waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
