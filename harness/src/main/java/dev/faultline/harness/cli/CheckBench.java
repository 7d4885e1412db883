package dev.faultline.harness.cli;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.UserInputException;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code faultline check --bench N}: the in-process speed of the checkers. Each file is read once;
 * then it is checked to warm the JIT up (N times, and for at least a second, as
 * {@code go test -bench} runs each benchmark for a second), then N times measured, and its median
 * check time is printed. JVM start-up and parsing are excluded, so that the figure compares with
 * Porcupine's benchmarks, which also measure the check alone.
 */
final class CheckBench {
    private static final long WARM_UP_NANOS_MIN = 1_000_000_000L;

    private final List<Checker> checkers;
    private final Supplier<CheckContext> contexts;
    private final int runs;

    CheckBench(List<Checker> checkers, Supplier<CheckContext> contexts, int runs) {
        if (runs < 1) {
            throw new UserInputException("--bench must be at least 1, was " + runs);
        }
        this.checkers = checkers;
        this.contexts = contexts;
        this.runs = runs;
    }

    /** Prints one line per file and the total; returns the exit code of the verdicts. */
    int run(List<Path> files, HistoryFormat format, PrintWriter out) throws IOException {
        Validity overall = Validity.TRUE;
        double totalMillis = 0;
        for (Path file : files) {
            History history = Histories.read(file, format);
            Validity validity = Validity.TRUE;
            long warmUpStart = System.nanoTime();
            for (int warmUp = 0; warmUp < runs || System.nanoTime() - warmUpStart < WARM_UP_NANOS_MIN; warmUp++) {
                checkOnce(history);
            }
            long[] nanos = new long[runs];
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                validity = checkOnce(history);
                nanos[run] = System.nanoTime() - start;
            }
            double medianMillis = median(nanos) / 1e6;
            totalMillis += medianMillis;
            overall = overall.and(validity);
            out.printf(Locale.ROOT, "%s: median %.3f ms over %d runs (%s)%n", file, medianMillis, runs, validity.wireName());
            out.flush();
        }
        out.printf(Locale.ROOT, "bench total: %.3f ms%n", totalMillis);
        out.flush();
        return ExitCodes.of(overall);
    }

    private Validity checkOnce(History history) {
        List<Verdict> verdicts = Checkers.runAll(checkers, history, contexts.get());
        Validity validity = Validity.TRUE;
        for (Verdict verdict : verdicts) {
            validity = validity.and(verdict.valid());
        }
        return validity;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
