package dev.faultline.harness.cli;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/** Verdicts as console text: one line per file, the first anomaly's explanation when invalid. */
final class VerdictText {
    private VerdictText() {}

    static String line(String file, List<Verdict> verdicts) {
        return file + ": " + verdicts.stream().map(VerdictText::summary).collect(Collectors.joining("; "));
    }

    static String summary(Verdict verdict) {
        return switch (verdict.valid()) {
            case TRUE -> verdict.checker() + " valid";
            case UNKNOWN -> verdict.checker() + " unknown (" + verdict.cause() + ")";
            case FALSE -> {
                Anomaly first = verdict.anomalies().get(0);
                int more = verdict.anomalies().size() - 1;
                yield verdict.checker() + " INVALID: " + first.type() + ": " + first.explanation()
                        + (more > 0 ? " (and " + more + " more)" : "");
            }
        };
    }
}
