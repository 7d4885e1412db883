package dev.faultline.target.common.sim;

/**
 * A simulated run broke an invariant, threw, or did not converge. The message starts with the line
 * to reproduce it ({@code reproduce with seed=N}), then says when and why, then the end of the trace.
 */
public final class SimulationFailure extends AssertionError {
    private final long seed;

    public SimulationFailure(long seed, String what, Throwable cause, String traceTail) {
        super("reproduce with seed=" + seed + ": " + what + (cause == null ? "" : ": " + cause)
                + "\n--- last trace lines ---\n" + traceTail, cause);
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }
}
