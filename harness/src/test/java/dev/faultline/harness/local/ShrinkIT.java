package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.nemesis.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: {@code faultline shrink} turns a real failing run into a smaller nemesis script that still
 * fails. Method: one memory node with its planted {@code ack-before-fsync} bug, under pauses
 * (harmless to it) and power losses (each loses the acknowledged adds not yet synced, which the
 * set workload's final read shows); a seed whose schedule holds both kinds; then a shrink with one
 * attempt per candidate and a budget of five runs. Every run is real: the shrink's runs are
 * ordinary stored runs, and the minimal candidate's own run is read back to show it failed with
 * fewer faults. Cost: one 8 s run and at most five of 8 s or less, each with about 6 s of start,
 * final read and check: about 80 s on the shared 2-core machine.
 */
@Timeout(240)
class ShrinkIT extends LocalRunTest {
    ShrinkIT() {
        super("memory", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingRunShrinksToFewerFaultsThatStillFail() throws Exception {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.PAUSE, FaultKind.POWER_LOSS);
        long seed = LocalRuns.seedCovering(kinds, 1, Duration.ofMillis(1500), Duration.ofSeconds(8));
        caughtWithin(2, "convergence", "--workload", "set", "--bug", "ack-before-fsync", "--nemesis", "pause,power-loss",
                "--nemesis-interval", "1.5", "--time-limit", "8", "--rate", "200", "--request-timeout", "1000",
                "--seed", Long.toString(seed));
        Path run = latest().toRealPath();
        long faultsInRun = starts(run);

        CommandRun shrink = faultline("shrink", run.toString(), "--attempts", "1", "--max-runs", "5");

        assertThat(shrink.exitCode()).as("%s%n%s", shrink.out(), shrink.err()).isEqualTo(1);
        Map<String, Object> report = JsonFiles.readMap(run.resolve("shrink/shrink.json"));
        Map<String, Object> minimal = (Map<String, Object>) report.get("minimal");
        List<Object> kept = (List<Object>) minimal.get("faults");
        assertThat(kept).as(shrink.out()).hasSizeLessThan((int) faultsInRun);
        assertThat(minimal.get("failed-attempts")).isEqualTo(1L);
        Map<String, Object> candidate = ((List<Map<String, Object>>) report.get("candidates"))
                .get(((Long) minimal.get("candidate")).intValue() - 1);
        Path replayed = Path.of((String) ((List<Map<String, Object>>) candidate.get("attempts")).get(0).get("run"));
        assertThat(JsonFiles.readMap(replayed.resolve("results.json"))).as("the minimal script's own run").containsEntry("valid", false);
        assertThat(starts(replayed)).isEqualTo(kept.size());
        assertThat(Files.readString(run.resolve("shrink/minimal.txt"))).contains("# replay with: faultline test")
                .contains("power-loss n1");
        assertThat(shrink.out()).contains("INVALID (exit 1)", "replay with: faultline test");
    }

    /** How many faults a run started. */
    private static long starts(Path run) throws Exception {
        return Files.readAllLines(run.resolve("faults.jsonl")).stream().filter(line -> line.contains("\"action\":\"start\"")).count();
    }
}
