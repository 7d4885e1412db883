package dev.faultline.harness.shrink;

import dev.faultline.harness.shrink.DeltaDebugging.Outcome;

/**
 * How many runs a shrink may make, and how many attempts each candidate gets. A failure that
 * depends on timing does not show in every run, so a candidate counts as failing when any of its
 * attempts fails, and as passing only when all of them pass; every attempt is one run of the
 * budget, which bounds the shrink's time (runs × run length).
 */
final class RunBudget {
    /** One attempt: true when it failed. */
    interface Attempt {
        boolean fails(int number) throws Exception;
    }

    private final int attempts;
    private final int maxRuns;
    private int runs;

    RunBudget(int attempts, int maxRuns) {
        if (attempts < 1 || maxRuns < 1) {
            throw new IllegalArgumentException("attempts and runs must be at least 1, were " + attempts + " and " + maxRuns);
        }
        this.attempts = attempts;
        this.maxRuns = maxRuns;
    }

    /** Up to {@code attempts} attempts, stopping at the first that fails. */
    Outcome firstFailure(Attempt attempt) throws Exception {
        for (int number = 1; number <= attempts; number++) {
            if (!take()) {
                return Outcome.OUT_OF_BUDGET;
            }
            if (attempt.fails(number)) {
                return Outcome.FAILS;
            }
        }
        return Outcome.PASSES;
    }

    /** One more run, if the budget has one left: true when it was taken. */
    boolean take() {
        if (runs >= maxRuns) {
            return false;
        }
        runs++;
        return true;
    }

    int runs() {
        return runs;
    }

    int attempts() {
        return attempts;
    }

    int maxRuns() {
        return maxRuns;
    }
}
