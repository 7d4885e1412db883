package dev.faultline.harness.compare;

import dev.faultline.checker.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comparison on the console: the matrix (systems × models: valid, INVALID with the number of
 * anomalies, unknown), the strongest model each system kept, then every invalid cell's first
 * witness with its link into the run's report, the notes and the expectations.
 */
public final class ComparisonText {
    /** Explanations can run to paragraphs; the console gets one line of each. */
    private static final int EXPLANATION_CHARS_MAX = 200;

    private ComparisonText() {}

    public static void print(PrintWriter out, Comparison comparison, Path directory) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("system"));
        header.addAll(comparison.ladder().checkers());
        header.add("strongest model kept");
        rows.add(header);
        for (SystemResult result : comparison.systems()) {
            List<String> row = new ArrayList<>(List.of(result.system().label()));
            for (Model model : comparison.ladder().models()) {
                row.add(cell(result.verdict(model), result.hasFailed()));
            }
            row.add(StrongestModel.of(result));
            rows.add(row);
        }
        printTable(out, rows);
        witnesses(out, comparison, directory);
        for (String note : comparison.ladder().notes()) {
            out.printf("note: %s%n", note);
        }
        out.printf("note: %s%n", ComparisonJson.SAME_SEED_NOTE);
        for (Map.Entry<Expectation, Expectation.Outcome> judged : comparison.judged().entrySet()) {
            out.printf("expect %s: %s%n", judged.getKey(), switch (judged.getValue()) {
                case KEPT -> "yes";
                case BROKEN -> "NO";
                case UNDECIDED -> "undecided";
            });
        }
        out.flush();
    }

    /** One cell of the matrix. */
    static String cell(Optional<Verdict> verdict, boolean runFailed) {
        if (verdict.isEmpty()) {
            return runFailed ? "failed" : "-";
        }
        return switch (verdict.get().valid()) {
            case TRUE -> "valid";
            case FALSE -> "INVALID " + StrongestModel.anomalies(verdict.get());
            case UNKNOWN -> "unknown";
        };
    }

    private static void printTable(PrintWriter out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size() - 1; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                String text = row.get(column);
                line.append(column < row.size() - 1 ? text + " ".repeat(widths[column] - text.length() + 2) : text);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void witnesses(PrintWriter out, Comparison comparison, Path directory) {
        for (SystemResult result : comparison.systems()) {
            if (result.hasFailed()) {
                out.printf("%s: run failed: %s%n", result.system().label(), result.failure());
            }
            result.verdicts().forEach((model, verdict) -> ComparisonJson.witnessLink(result, verdict, directory)
                    .ifPresent(link -> out.printf("%s %s: %s: %s%n    %s%n", result.system().label(), model.checker(),
                            verdict.anomalies().get(0).type(), oneLine(verdict.anomalies().get(0).explanation()),
                            directory.resolve(link).normalize())));
            result.verdicts().forEach((model, verdict) -> {
                if (verdict.cause() != null) {
                    out.printf("%s %s: unknown: %s%n", result.system().label(), model.checker(), oneLine(verdict.cause()));
                }
            });
        }
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= EXPLANATION_CHARS_MAX ? line : line.substring(0, EXPLANATION_CHARS_MAX - 3) + "...";
    }
}
