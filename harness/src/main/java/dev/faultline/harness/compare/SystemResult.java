package dev.faultline.harness.compare;

import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one system's run of a comparison left: its run directory and each model's verdict, or why
 * the run could not be made (the target did not start, ...), in which case whatever it recorded
 * stays in its directory.
 *
 * @param runDirectory the run's directory in the store; empty when the run failed before it had one
 * @param verdicts each model's verdict, in ladder order; empty when the run failed
 * @param failure why the run could not be made and checked; null when it was
 */
public record SystemResult(SystemSpec system, Optional<Path> runDirectory, Map<Model, Verdict> verdicts, String failure) {
    public SystemResult {
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        if ((failure == null) == verdicts.isEmpty()) {
            throw new IllegalArgumentException("a system's result has verdicts exactly when its run did not fail");
        }
    }

    /** A run made and checked: the verdicts of the ladder's models, matched to them by checker name. */
    public static SystemResult checked(SystemSpec system, Path runDirectory, List<Verdict> verdicts) {
        Map<Model, Verdict> byModel = new LinkedHashMap<>();
        for (Verdict verdict : verdicts) {
            Model model = Model.byChecker(verdict.checker()).orElseThrow(
                    () -> new IllegalArgumentException("the checker " + verdict.checker() + " is no model of the ladder"));
            byModel.put(model, verdict);
        }
        return new SystemResult(system, Optional.of(runDirectory), byModel, null);
    }

    /** A run that could not be made or checked. */
    public static SystemResult failed(SystemSpec system, Optional<Path> runDirectory, String failure) {
        return new SystemResult(system, runDirectory, Map.of(), failure);
    }

    public boolean hasFailed() {
        return failure != null;
    }

    /** The verdict of a model, when it was checked. */
    public Optional<Verdict> verdict(Model model) {
        return Optional.ofNullable(verdicts.get(model));
    }

    /** The model's validity; unknown when it was not checked (the run failed). */
    public Validity validity(Model model) {
        return verdict(model).map(Verdict::valid).orElse(Validity.UNKNOWN);
    }
}
