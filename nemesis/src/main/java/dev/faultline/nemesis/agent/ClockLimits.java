package dev.faultline.nemesis.agent;

/** Bounds on clock faults, so a typo cannot move a node's clock by years or stop it. */
public final class ClockLimits {
    /** One day either way. */
    public static final long OFFSET_MILLIS_MAX = 86_400_000L;
    public static final double RATE_MIN = 0.01;
    public static final double RATE_MAX = 100;

    private ClockLimits() {}

    public static void requireOffset(String name, long millis) {
        if (Math.abs(millis) > OFFSET_MILLIS_MAX) {
            throw new IllegalArgumentException(name + " must be within ±" + OFFSET_MILLIS_MAX + " ms, was " + millis);
        }
    }

    public static void requireRate(double rate) {
        if (!(rate >= RATE_MIN && rate <= RATE_MAX)) {
            throw new IllegalArgumentException("rate must be in [" + RATE_MIN + ", " + RATE_MAX + "], was " + rate);
        }
    }
}
