package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.store.JsonFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Making and reading comparisons in the integration tests of {@code faultline compare}: what a
 * comparison shows may depend on timing, as for one run ({@link LocalRunTest#caughtWithin}), so a
 * test may make it again, a bounded number of times.
 */
final class CompareJson {
    private CompareJson() {}

    /** A comparison's console output and its compare.json. */
    record Compared(CommandRun run, Map<String, Object> comparison) {}

    /**
     * Makes the comparison until the {@code number}-th system's {@code model} verdict is invalid, at
     * most {@code attempts} times, each exiting 0, and returns the last one (the caller asserts what
     * it shows); a miss is logged, so that a configuration that starts to miss more often is seen
     * before it fails.
     */
    static Compared invalidWithin(int attempts, Path store, Callable<CommandRun> compare, int number, String model) throws Exception {
        Compared compared = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            CommandRun run = compare.call();
            assertThat(run.exitCode()).as("every run made, every expectation kept (exit 0)%n%s%n%s", run.out(), run.err()).isZero();
            compared = new Compared(run, JsonFiles.readMap(store.resolve("compare/latest/compare.json")));
            Map<String, Object> system = system(compared.comparison(), number);
            if (Boolean.FALSE.equals(modelVerdict(system, model).get("valid"))) {
                break;
            }
            System.err.printf("%s kept %s in comparison %d of %d%n", system.get("label"), model, attempt, attempts);
            LocalRuns.assertNoNodeLeft();
        }
        return compared;
    }

    /** Asserts that a system's run was made and kept linearizability, its strongest model. */
    static void assertLinearizable(Map<String, Object> system) {
        assertThat(system).containsEntry("failure", null);
        assertThat(modelVerdict(system, "linearizable")).as("%s", system).containsEntry("valid", true);
        assertThat((String) system.get("strongest")).startsWith("linearizable");
    }

    /** The {@code number}-th system of the comparison, in the order of its --system options. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> system(Map<String, Object> comparison, int number) {
        return ((List<Map<String, Object>>) comparison.get("systems")).get(number);
    }

    /** A system's verdict of {@code model}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> modelVerdict(Map<String, Object> system, String model) {
        return ((List<Map<String, Object>>) system.get("verdicts")).stream().filter(verdict -> model.equals(verdict.get("model")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + model + " verdict in " + system));
    }
}
