package dev.faultline.target.common.core;

/**
 * Always-on invariant checks for protocol cores (Ratis {@code Preconditions}, TigerBeetle's
 * assertions): a broken invariant stops the node with the numbers that broke it, which turns a
 * silent correctness bug into a visible crash. Never disabled, unlike {@code assert}.
 */
public final class Invariants {
    private Invariants() {}

    /**
     * @throws IllegalStateException with {@code String.format(format, args)} when {@code condition} is false
     */
    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalStateException("invariant broken: " + String.format(format, args));
        }
    }
}
