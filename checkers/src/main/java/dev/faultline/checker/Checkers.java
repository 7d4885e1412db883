package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Running checkers so that none can crash a run (Jepsen's {@code check-safe} and {@code compose}). */
public final class Checkers {
    private Checkers() {}

    /**
     * Runs a checker; an exception or error (an {@code OutOfMemoryError} included) becomes
     * {@link Validity#UNKNOWN} with its cause instead of escaping. The exception is a
     * {@link HistoryFormatException}: the history does not fit the checker (an operation its model
     * does not know), which is the user's input to fix, not an undecided check.
     */
    public static Verdict safely(Checker checker, History history, CheckContext context) {
        try {
            Verdict verdict = checker.check(history, context);
            if (verdict == null) {
                return Verdict.unknown(checker.name(), "the checker returned no verdict", Map.of());
            }
            return verdict;
        } catch (OutOfMemoryError e) {
            return Verdict.unknown(checker.name(), "ran out of memory: " + e.getMessage(), Map.of());
        } catch (StackOverflowError e) {
            return Verdict.unknown(checker.name(), "stack overflow", Map.of());
        } catch (HistoryFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            return Verdict.unknown(checker.name(), "checker failed: " + e, Map.of());
        }
    }

    /** Runs every checker safely, in order, on the same history. */
    public static List<Verdict> runAll(List<Checker> checkers, History history, CheckContext context) {
        List<Verdict> verdicts = new ArrayList<>(checkers.size());
        for (Checker checker : checkers) {
            verdicts.add(safely(checker, history, context));
        }
        return verdicts;
    }
}
