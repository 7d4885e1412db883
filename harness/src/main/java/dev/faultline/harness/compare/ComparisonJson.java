package dev.faultline.harness.compare;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code compare.json}: the comparison as canonical values, which {@code compare.html} draws too
 * (one document, so the page and the file cannot disagree). Run directories and witness links are
 * relative to the comparison's directory, so the store can be moved as a whole.
 *
 * <pre>
 * {"format": 1, "command", "settings", "note", "models": [name...], "notes": [...],
 *  "systems": [{"label", "spec", "target", "options", "run", "report", "failure", "strongest",
 *               "verdicts": [{"model", "valid", "cause", "anomalies",
 *                             "witness": {"type", "explanation", "ops", "link"}}]}],
 *  "expectations": [{"label", "model", "outcome"}]}
 * </pre>
 */
public final class ComparisonJson {
    /** Why the same seed does not mean the same history. */
    public static final String SAME_SEED_NOTE = "every run had the same settings and seed, so the same operations and the"
            + " same fault schedule; timing still differs (each system runs its own cluster, one after another)";

    private ComparisonJson() {}

    public static Map<String, Object> document(Comparison comparison, Path directory) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", 1L);
        document.put("command", comparison.command());
        document.put("settings", comparison.settings());
        document.put("note", SAME_SEED_NOTE);
        document.put("models", comparison.ladder().checkers());
        document.put("notes", comparison.ladder().notes());
        List<Object> systems = new ArrayList<>();
        for (SystemResult result : comparison.systems()) {
            systems.add(system(result, directory));
        }
        document.put("systems", systems);
        List<Object> expectations = new ArrayList<>();
        comparison.judged().forEach((expectation, outcome) -> expectations.add(Map.of("label", expectation.label(),
                "model", expectation.model().checker(), "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))));
        document.put("expectations", expectations);
        return document;
    }

    /** The link from the comparison's directory to the first witness of a verdict in its run's report. */
    public static Optional<String> witnessLink(SystemResult result, Verdict verdict, Path directory) {
        if (verdict.anomalies().isEmpty() || result.runDirectory().isEmpty()) {
            return Optional.empty();
        }
        // The report numbers each checker's anomalies within their type from 0 (report.js renderAnomaly).
        return Optional.of(report(result.runDirectory().get(), directory) + "#anomaly-" + verdict.checker() + "-"
                + verdict.anomalies().get(0).type() + "-0");
    }

    private static Map<String, Object> system(SystemResult result, Path directory) {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("label", result.system().label());
        system.put("spec", result.system().describe());
        system.put("target", result.system().target());
        system.put("options", result.system().options());
        system.put("run", result.runDirectory().map(run -> relative(run, directory)).orElse(null));
        system.put("report", result.runDirectory().filter(run -> !result.hasFailed()).map(run -> report(run, directory)).orElse(null));
        system.put("failure", result.failure());
        system.put("strongest", StrongestModel.of(result));
        List<Object> verdicts = new ArrayList<>();
        result.verdicts().forEach((model, verdict) -> verdicts.add(verdict(result, model, verdict, directory)));
        system.put("verdicts", verdicts);
        return system;
    }

    private static Map<String, Object> verdict(SystemResult result, Model model, Verdict verdict, Path directory) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.checker());
        json.put("valid", switch (verdict.valid()) {
            case TRUE -> true;
            case FALSE -> false;
            case UNKNOWN -> "unknown";
        });
        json.put("cause", verdict.cause());
        json.put("anomalies", StrongestModel.anomalies(verdict));
        Optional<String> link = witnessLink(result, verdict, directory);
        if (link.isPresent()) {
            Anomaly first = verdict.anomalies().get(0);
            Map<String, Object> witness = new LinkedHashMap<>();
            witness.put("type", first.type());
            witness.put("explanation", first.explanation());
            witness.put("ops", first.ops().stream().map(Integer::longValue).toList());
            witness.put("link", link.get());
            json.put("witness", witness);
        }
        return json;
    }

    private static String report(Path run, Path directory) {
        return relative(run, directory) + "/report.html";
    }

    private static String relative(Path run, Path directory) {
        return directory.toAbsolutePath().normalize().relativize(run.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
