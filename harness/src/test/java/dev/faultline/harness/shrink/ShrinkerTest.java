package dev.faultline.harness.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.Validity;
import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.history.Values;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.schedule.NemesisScript;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: a shrink reads a stored failing run, rebuilds its configuration with only the nemesis (and
 * in the end the time limit) changed, finds the fault the failure needs, and writes what it found;
 * bad input is refused in one line. Method: a run directory written by hand, and a fake runner that
 * "fails" exactly when the candidate's script holds the power loss: no processes.
 */
class ShrinkerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<TestConfig> ran = new ArrayList<>();

    @Test
    void theFaultTheFailureNeedsIsFoundAndTheMainPhaseCut() throws Exception {
        Path run = failingRun(faultLines(10 * SECOND));
        ShrinkSource source = ShrinkSource.read(run);

        Shrinker.Report report = shrink(source, 3, 40);

        assertThat(source.faults().leftOut()).containsExactly("fault 3 (kill): not applied: no node to kill");
        assertThat(report.reproduced()).isTrue();
        assertThat(report.complete()).isTrue();
        assertThat(report.minimal().faults()).extracting(RecordedFault::id).containsExactly(2);
        assertThat(report.minimal().timeLimit()).as("the heal at 10 s plus the 5 s tail").isEqualTo(Duration.ofSeconds(15));
        assertThat(report.minimal().stage()).isEqualTo("time-limit");
        TestConfig original = source.original();
        assertThat(ran).allSatisfy(config -> {
            assertThat(config.seed()).isEqualTo(original.seed());
            assertThat(config.bugs()).isEqualTo(original.bugs());
            assertThat(config.workload()).isEqualTo(original.workload());
            assertThat(config.rate()).isEqualTo(original.rate());
            assertThat(config.store()).isEqualTo(dir.resolve("store"));
            assertThat(config.name()).startsWith("memory-set-shrink-");
        });
        assertThat(ran.get(0).schedule().faults()).as("the replay: every applied fault, none of the failed one").hasSize(3);
        // A candidate that passes ran all its attempts; one that fails stopped at its first, but
        // the answer, which is run again until it has had them all.
        assertThat(report.candidates()).allSatisfy(candidate -> assertThat(candidate.attempts())
                .hasSize(candidate.outcome() == DeltaDebugging.Outcome.FAILS && candidate != report.minimal() ? 1 : 3));
        assertThat(report.minimal().attempts()).allSatisfy(attempt -> assertThat(attempt.valid()).isEqualTo(Validity.FALSE));
        assertThat(report.runs()).isEqualTo(ran.size());

        ShrinkOutput output = new ShrinkOutput(source, report, run.resolve("shrink"), dir.resolve("store"));
        String replay = output.write();
        String minimal = Files.readString(output.minimalScript());
        assertThat(minimal).contains("# faultline shrink of " + run, "# 1 of 3 faults, main phase 15 s: failed 3 of 3 attempts (convergence)",
                "# left out, as it failed in the run: fault 3 (kill)", "# replay with: " + replay, "8 2 power-loss n1   # fault 2 of the run");
        assertThat(replay).contains("--nemesis-script " + output.minimalScript(), "--time-limit 15", "--seed 5", "--bug ack-before-fsync")
                .contains("--name memory-set ");
        assertThat(NemesisScript.parse(minimal, "minimal.txt", original.nodes()).faults()).hasSize(1);
        Map<String, Object> json = JsonFiles.readMap(run.resolve("shrink/shrink.json"));
        assertThat(json).containsEntry("reproduced", true).containsEntry("runs", (long) ran.size());
        assertThat((List<?>) json.get("candidates")).hasSize(report.candidates().size());
    }

    @Test
    void aFailureThatNoAttemptRepeatsIsNotReproduced() throws Exception {
        ShrinkSource source = ShrinkSource.read(failingRun(faultLines(10 * SECOND)));
        Shrinker shrinker = new Shrinker(source, new RunBudget(2, 40), Duration.ofSeconds(5),
                config -> new Shrinker.Attempt(dir, Validity.TRUE, List.of(), null), dir.resolve("out"), dir, new PrintWriter(new StringWriter()));

        Shrinker.Report report = shrinker.run();

        assertThat(report.reproduced()).isFalse();
        assertThat(report.candidates()).hasSize(1);
        assertThat(report.minimal().attempts()).hasSize(2);
    }

    @Test
    void theBudgetEndsTheShrinkWithTheSmallestFailingCandidateSoFar() throws Exception {
        ShrinkSource source = ShrinkSource.read(failingRun(faultLines(10 * SECOND)));

        Shrinker.Report report = shrink(source, 1, 2);

        assertThat(report.runs()).isEqualTo(2);
        assertThat(report.complete()).isFalse();
        assertThat(report.minimal().attempts()).as("no run left to run the answer again").hasSize(1);
        assertThat(report.minimal().outcome()).isEqualTo(DeltaDebugging.Outcome.FAILS);
    }

    @Test
    void theAnswerSaysHowOftenItFailsWhenItFailsOnlySometimes() throws Exception {
        ShrinkSource source = ShrinkSource.read(failingRun(faultLines(10 * SECOND)));
        List<Boolean> outcomes = new ArrayList<>();
        // Every candidate holding the power loss fails every other run, starting with its first.
        Shrinker shrinker = new Shrinker(source, new RunBudget(4, 60), Duration.ofSeconds(5), config -> {
            boolean holds = config.nemesisScript() != null && config.nemesisScript().text().contains("power-loss");
            boolean fails = holds && outcomes.stream().filter(outcome -> outcome != null).count() % 2 == 0;
            outcomes.add(holds ? fails : null);
            return new Shrinker.Attempt(dir.resolve("run-" + outcomes.size()), fails ? Validity.FALSE : Validity.TRUE,
                    fails ? List.of("convergence") : List.of(), null);
        }, source.run().path().resolve("shrink"), dir.resolve("store"), new PrintWriter(new StringWriter()));

        Shrinker.Report report = shrinker.run();

        assertThat(report.minimal().faults()).extracting(RecordedFault::id).containsExactly(2);
        assertThat(report.minimal().attempts()).hasSize(4);
        assertThat(report.minimal().attempts()).filteredOn(attempt -> attempt.valid() == Validity.FALSE).hasSize(2);
        ShrinkOutput output = new ShrinkOutput(source, report, source.run().path().resolve("shrink"), dir.resolve("store"));
        output.write();
        assertThat(Files.readString(output.minimalScript())).contains("failed 2 of 4 attempts");
    }

    /** Without phaseNanos (runs recorded before it existed) the times come from the run's schedule. */
    @Test
    void anOlderFaultLogTakesItsTimesFromTheSchedule() {
        TestConfig config = TestConfig.builder().target("memory").nodeCount(3).seed(1).timeLimit(Duration.ofSeconds(20))
                .nemesisScript(new TestConfig.ScriptFile(Path.of("s.txt"), "0 2 kill n1\n5 1 pause n2\n")).build();
        List<Map<String, Object>> lines = List.of(
                line("start", 0, null, Map.of("kind", "kill", "nodes", List.of("n1"))),
                line("heal", 0, null, Map.of("kind", "kill", "nodes", List.of("n1"))),
                line("start", 1, null, Map.of("kind", "pause", "nodes", List.of("n2"))));

        RecordedFaults faults = RecordedFaults.read(lines, config.schedule(), config.timeLimit().toNanos());

        assertThat(faults.applied()).extracting(RecordedFault::startNanos).containsExactly(0L, 5 * SECOND);
        assertThat(faults.applied()).extracting(RecordedFault::healNanos)
                .as("the pause never healed (a crashed run): it lasts until the main phase ends").containsExactly(2 * SECOND, 20 * SECOND);
    }

    @Test
    void whatIsNoFailingRunOfFaultsIsRefusedInOneLine() throws Exception {
        assertRefused(dir.resolve("nothing"), "no such run directory");
        Path run = failingRun(faultLines(SECOND));
        JsonFiles.writeMap(run.resolve("results.json"), Values.canonicalMap(Map.of("valid", true,
                "checkers", List.of(Map.of("checker", "convergence", "valid", true)))));
        assertRefused(run, "did not fail: no checker found it invalid");
        Path noFaults = failingRun(List.of());
        assertRefused(noFaults, "applied no fault: there is nothing to shrink");
        Files.delete(noFaults.resolve("test.json"));
        assertRefused(noFaults, "is not a run directory: it has no test.json");
    }

    private void assertRefused(Path run, String message) {
        CommandRun command = CommandRun.of("shrink", run.toString());
        assertThat(command.exitCode()).as(command.err()).isEqualTo(254);
        assertThat(command.err()).contains(message);
        assertThat(command.err().strip().lines().count()).isEqualTo(1);
    }

    private Shrinker.Report shrink(ShrinkSource source, int attempts, int maxRuns) throws Exception {
        Shrinker shrinker = new Shrinker(source, new RunBudget(attempts, maxRuns), Duration.ofSeconds(5), config -> {
            ran.add(config);
            boolean fails = config.nemesisScript() != null && config.nemesisScript().text().contains("power-loss");
            return new Shrinker.Attempt(dir.resolve("run-" + ran.size()), fails ? Validity.FALSE : Validity.TRUE,
                    fails ? List.of("convergence") : List.of(), null);
        }, source.run().path().resolve("shrink"), dir.resolve("store"), new PrintWriter(new StringWriter()));
        return shrinker.run();
    }

    /** A pause healed at 3 s, a ring partition, a power loss healed at {@code powerHealNanos}, a kill that failed. */
    private static List<Map<String, Object>> faultLines(long powerHealNanos) {
        Map<String, Object> pause = Map.of("kind", "pause", "nodes", List.of("n2"));
        Map<String, Object> partition = Map.of("kind", "partition", "nodes", List.of("n1", "n2", "n3"), "shape", "majority-ring",
                "dropsFrom", Map.of("n1", List.of("n2"), "n2", List.of("n3"), "n3", List.of("n1")));
        Map<String, Object> powerLoss = Map.of("kind", "power-loss", "nodes", List.of("n1"));
        List<Map<String, Object>> lines = new ArrayList<>(List.of(line("start", 0, SECOND, pause), line("heal", 0, 3 * SECOND, pause),
                line("start", 1, 4 * SECOND, partition), line("heal", 1, 6 * SECOND, partition),
                line("start", 2, 8 * SECOND, powerLoss), line("heal", 2, powerHealNanos, powerLoss)));
        Map<String, Object> failed = new LinkedHashMap<>(line("start", 3, 9 * SECOND, null));
        failed.put("error", "no node to kill");
        lines.add(failed);
        lines.add(Map.of("time", 40 * SECOND, "phaseNanos", 30 * SECOND, "action", "heal-all"));
        return lines;
    }

    private static Map<String, Object> line(String action, int fault, Long phaseNanos, Map<String, Object> applied) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", 0L);
        if (phaseNanos != null) {
            line.put("phaseNanos", phaseNanos);
        }
        line.put("action", action);
        line.put("fault", (long) fault);
        line.put("kind", applied == null ? "kill" : applied.get("kind"));
        if (applied != null) {
            line.put("applied", applied);
        }
        return Values.canonicalMap(line);
    }

    /** A stored run of the memory target that convergence found invalid, with these fault lines. */
    private Path failingRun(List<Map<String, Object>> faultLines) throws Exception {
        Path run = Files.createDirectories(dir.resolve("store/memory-set/20261123-120000-" + System.nanoTime()));
        TestConfig config = TestConfig.builder().target("memory").nodeCount(3).workload("set").seed(5)
                .nemesis(Set.of(FaultKind.PAUSE, FaultKind.PARTITION, FaultKind.POWER_LOSS, FaultKind.KILL))
                .timeLimit(Duration.ofSeconds(30)).bugs(List.of("ack-before-fsync")).build();
        JsonFiles.writeMap(run.resolve("test.json"), config.describe());
        JsonFiles.writeMap(run.resolve("results.json"), Values.canonicalMap(Map.of("valid", false,
                "checkers", List.of(Map.of("checker", "convergence", "valid", false)))));
        StringBuilder faults = new StringBuilder();
        for (Map<String, Object> line : faultLines) {
            faults.append(JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(run.resolve("faults.jsonl"), faults);
        return run;
    }
}
