package dev.faultline.checker;

import dev.faultline.history.History;

/**
 * Checks a history against one property. Implementations are pure with respect to the history:
 * they never change it, and report anomalies by the indices of the events involved.
 */
public interface Checker {

    /** The name used on the command line and in results, e.g. {@code linearizable}. */
    String name();

    /**
     * Checks the history within the context's limits.
     *
     * @return a verdict; {@link Validity#UNKNOWN} with a cause when a limit ran out or the history
     *     does not meet this checker's assumptions
     */
    Verdict check(History history, CheckContext context);
}
