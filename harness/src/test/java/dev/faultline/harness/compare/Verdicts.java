package dev.faultline.harness.compare;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fake verdicts and system results for the comparison's unit tests: no run, no checker. */
final class Verdicts {
    private Verdicts() {}

    static Verdict valid(Model model) {
        return Verdict.valid(model.checker(), Map.of());
    }

    static Verdict unknown(Model model) {
        return Verdict.unknown(model.checker(), "the budget ran out", Map.of());
    }

    /** Invalid with one kept anomaly of {@code type} on ops 3 and 7, and {@code count} found. */
    static Verdict invalid(Model model, String type, long count) {
        return Verdict.invalid(model.checker(), List.of(Anomaly.of(type, "the " + type + " of " + model.checker(), List.of(3, 7))),
                Map.of("anomalyCounts", Map.of(type, count)));
    }

    static Verdict of(Model model, Validity validity) {
        return switch (validity) {
            case TRUE -> valid(model);
            case FALSE -> invalid(model, "bad", 1);
            case UNKNOWN -> unknown(model);
        };
    }

    /** A checked system labelled {@code label} (target memory) whose run sits at {@code run}. */
    static SystemResult checked(String label, Path run, Verdict... verdicts) {
        return SystemResult.checked(new SystemSpec(label, "memory", Map.of()), run, List.of(verdicts));
    }

    /** A checked system with the given validities for the models, in order. */
    static SystemResult checked(List<Model> models, List<Validity> validities) {
        Map<Model, Verdict> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            verdicts.put(models.get(i), of(models.get(i), validities.get(i)));
        }
        return SystemResult.checked(new SystemSpec("s", "memory", Map.of()), Path.of("run"), new ArrayList<>(verdicts.values()));
    }
}
