package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.store.JsonFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the integration tests that run {@code faultline test} against real node processes
 * of one target: the CLI in the test's JVM with a store in a temporary directory, what the last run
 * left there, and, after every test, no node process left alive (each stopped by PID).
 *
 * <p>A planted bug or a weak configuration shows itself only when the faults meet the right
 * operations, which depends on timing as well as on the seeded schedule. A test that expects an
 * anomaly therefore allows a few runs of the same configuration ({@link #caughtWithin}): a correct
 * build never shows one, so the test still fails when the bug is gone or the checker stops seeing
 * it, while a loaded machine that shifts one run's timing does not turn the build red. The single
 * run catch rates behind each choice are measured in docs/benchmarks.md.
 */
abstract class LocalRunTest {
    @TempDir
    Path dir;

    private final String target;
    private final int nodes;

    LocalRunTest(String target, int nodes) {
        this.target = target;
        this.nodes = nodes;
    }

    @AfterEach
    final void noNodeOutlivesTheRun() throws Exception {
        LocalRuns.assertNoNodeLeft();
    }

    /** {@code faultline ARGS} in this JVM. */
    static CommandRun faultline(String... args) {
        return CommandRun.of(args);
    }

    /** {@code faultline test --target T --nodes N --store DIR/store OPTIONS}. */
    CommandRun test(String... options) {
        return test(List.of(options));
    }

    CommandRun test(List<String> options) {
        List<String> args = new ArrayList<>(List.of("test", "--target", target, "--nodes", Integer.toString(nodes),
                "--store", store().toString()));
        args.addAll(options);
        return faultline(args.toArray(String[]::new));
    }

    /** {@code --time-limit SECONDS --seed SEED}, then {@code options}. */
    static String[] seeded(long seed, int seconds, String... options) {
        List<String> all = new ArrayList<>(List.of("--time-limit", Integer.toString(seconds), "--seed", Long.toString(seed)));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    Path store() {
        return dir.resolve("store");
    }

    /** The directory of the newest run. */
    Path latest() {
        return store().resolve("latest");
    }

    Map<String, Object> results() throws Exception {
        return JsonFiles.readMap(latest().resolve("results.json"));
    }

    /** The newest run's verdict of {@code checker} in results.json. */
    @SuppressWarnings("unchecked")
    Map<String, Object> verdict(String checker) throws Exception {
        List<Map<String, Object>> verdicts = (List<Map<String, Object>>) results().get("checkers");
        return verdicts.stream().filter(verdict -> checker.equals(verdict.get("checker"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + checker + " verdict in " + verdicts));
    }

    /** The kinds of anomaly a verdict counted. */
    @SuppressWarnings("unchecked")
    static Set<String> anomalyTypes(Map<String, Object> verdict) {
        return ((Map<String, Object>) stat(verdict, "anomalyCounts")).keySet();
    }

    @SuppressWarnings("unchecked")
    static Object stat(Map<String, Object> verdict, String name) {
        return ((Map<String, Object>) verdict.get("stats")).get(name);
    }

    /** Asserts the run failed (exit 1) because {@code checker} found an anomaly whose witness names operations. */
    @SuppressWarnings("unchecked")
    void assertCaught(CommandRun run, String checker) throws Exception {
        assertThat(run.exitCode()).as("%s%n%s", run.out(), run.err()).isEqualTo(1);
        Map<String, Object> verdict = verdict(checker);
        assertThat(verdict).as("%s%n%s", run.out(), run.err()).containsEntry("valid", false);
        List<Map<String, Object>> anomalies = (List<Map<String, Object>>) verdict.get("anomalies");
        assertThat(anomalies).as("a witness").isNotEmpty();
        assertThat((List<Object>) anomalies.get(0).get("ops")).as("the witness names operations").isNotEmpty();
        assertThat(run.out()).contains(checker + " INVALID");
    }

    /**
     * Runs {@code faultline test OPTIONS} until {@code checker} finds an anomaly, at most
     * {@code attempts} times, and returns the run that did ({@link #latest()} is its directory);
     * fails with every attempt's console output if none did.
     */
    CommandRun caughtWithin(int attempts, String checker, String... options) throws Exception {
        StringBuilder missed = new StringBuilder();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            CommandRun run = test(options);
            assertThat(run.exitCode()).as("a checked run (exit 0, 1 or 2)%n%s%s", run.out(), run.err()).isBetween(0, 2);
            if (run.exitCode() == 1 && Boolean.FALSE.equals(verdict(checker).get("valid"))) {
                assertCaught(run, checker);
                return run;
            }
            missed.append(String.format("attempt %d: exit %d%n%s%s%n", attempt, run.exitCode(), run.out(), run.err()));
            // In the build's log, so that a configuration that starts to miss more often is seen before it fails.
            System.err.printf("%s: %s found no anomaly in attempt %d of %d (%s)%n", getClass().getSimpleName(), checker,
                    attempt, attempts, String.join(" ", options));
            LocalRuns.assertNoNodeLeft();
        }
        throw new AssertionError(checker + " found no anomaly in " + attempts + " runs of faultline test "
                + String.join(" ", options) + "\n" + missed);
    }
}
