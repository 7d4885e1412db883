package dev.faultline.checker.eventual;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.InitialValue;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.List;
import java.util.Map;

/**
 * {@code staleness}: measures how stale the reads of a register or key-value history are, and
 * checks that the register is regular (notes §5.4, §9.5). Every key is its own register, with
 * operations {@code write} (unique values) and {@code read}, and a known version order
 * ({@link VersionOrder}: {@code meta.version}, or one writer per key).
 *
 * <p>Measured per read: k-staleness and Δt; per acknowledged write: the inconsistency window;
 * over all reads: the t-visibility curve P̂(fresh | Δ) and the k histogram ({@link KeyStaleness}).
 * Regularity (every read returns a version at least as new as the newest acknowledged before it
 * began, and no newer than the newest invoked before it ended) decides the verdict: a stale read
 * is {@code stale-read}, a read from the future {@code future-read}, and reads of values never
 * written or written only by failed writes are {@code thin-air-read} and {@code aborted-read}.
 * An eventually consistent store with W + R ≤ N is expected to fail here; the statistics say by
 * how much.
 *
 * <p>Unknown when no key could be measured, or some could not (no version order, another
 * operation) and nothing was found wrong in the others.
 */
public final class StalenessChecker implements Checker {
    public static final String NAME = "staleness";

    private final Object initial;

    /** @param initial the registers' initial value (null when they start empty) */
    public StalenessChecker(Object initial) {
        this.initial = initial;
    }

    /** From {@code --initial} (default nil). */
    public static StalenessChecker fromOptions(CheckerOptions options) {
        return new StalenessChecker(InitialValue.of(options, null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        OpClock clock = OpClock.of(history);
        StalenessReport report = new StalenessReport(clock);
        Map<Object, List<Operation>> byKey = KeyedOperations.byKey(history);
        long keysDone = 0;
        for (Map.Entry<Object, List<Operation>> entry : byKey.entrySet()) {
            if (context.shouldStop()) {
                return Verdict.unknown(NAME, "stopped (time limit or cancelled) after " + keysDone + " of "
                        + byKey.size() + " keys", withKeys(report.stats(), byKey.size()));
            }
            try {
                KeyStaleness.measure(history, entry.getKey(), entry.getValue(), initial, clock, report);
            } catch (UnsupportedHistoryException e) {
                report.skippedKey(entry.getKey(), e.getMessage());
            }
            keysDone++;
        }
        Map<String, Object> stats = withKeys(report.stats(), byKey.size());
        if (!report.findings().isEmpty()) {
            return Verdict.invalid(NAME, report.findings().anomalies(), stats);
        }
        if (report.keysMeasured() == 0) {
            return Verdict.unknown(NAME, byKey.isEmpty() ? "the history has no client operations"
                    : "no key could be measured; " + report.firstSkipped(), stats);
        }
        if (report.keysSkipped() > 0) {
            return Verdict.unknown(NAME, report.keysSkipped() + " keys could not be measured, e.g. "
                    + report.firstSkipped(), stats);
        }
        return Verdict.valid(NAME, stats);
    }

    private static Map<String, Object> withKeys(Map<String, Object> stats, int keys) {
        stats.put("keys", (long) keys);
        return stats;
    }
}
