package dev.faultline.harness.cli;

import dev.faultline.checker.Verdict;
import dev.faultline.harness.run.Analysis;
import dev.faultline.history.Operation;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** The console summary of a checked run, for {@code faultline test} and {@code faultline analyze}. */
final class RunSummary {
    private RunSummary() {}

    static void print(PrintWriter out, String runDirectory, Analysis.Result result) {
        Map<String, long[]> byF = new TreeMap<>();
        for (Operation operation : result.history().operations()) {
            long[] counts = byF.computeIfAbsent(operation.f(), f -> new long[3]);
            counts[operation.isOk() ? 0 : operation.isFail() ? 1 : 2]++;
        }
        out.printf("%s%n", runDirectory);
        out.printf("  %-10s %10s %10s %10s%n", "f", "ok", "fail", "info");
        byF.forEach((f, counts) -> out.printf("  %-10s %10d %10d %10d%n", f, counts[0], counts[1], counts[2]));
        out.printf("  nemesis    %d events%n", result.history().nemesisOps().size());
        for (Verdict verdict : result.verdicts()) {
            out.printf("  %s%n", VerdictText.summary(verdict));
        }
        out.printf("%s (exit %d)%n", switch (result.valid()) {
            case TRUE -> "valid";
            case FALSE -> "INVALID";
            case UNKNOWN -> "unknown";
        }, ExitCodes.of(result.valid()));
        out.flush();
    }
}
