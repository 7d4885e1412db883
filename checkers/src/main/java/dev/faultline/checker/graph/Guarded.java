package dev.faultline.checker.graph;

import dev.faultline.checker.Verdict;
import java.util.Map;

/**
 * Runs the body of a check so that a history outside the checker's assumptions
 * ({@link UnsupportedHistoryException}) or an exhausted budget ({@link BudgetExhausted}) gives
 * {@code unknown} with the reason, never a verdict.
 */
public final class Guarded {
    /** The check itself. */
    @FunctionalInterface
    public interface Body {
        Verdict run() throws UnsupportedHistoryException;
    }

    private Guarded() {}

    /**
     * @param stats the statistics an unknown verdict carries
     */
    public static Verdict verdict(String checker, Map<String, Object> stats, Body body) {
        try {
            return body.run();
        } catch (UnsupportedHistoryException | BudgetExhausted e) {
            return Verdict.unknown(checker, e.getMessage(), stats);
        }
    }
}
