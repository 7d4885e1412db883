package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.io.Histories;
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
 * Goal: {@code faultline test} against real {@code memory} node processes applies and heals every
 * fault kind the target takes, records each in both logs, checks the run, and leaves no process.
 * Method: the CLI in this JVM; the seed is chosen so that the (deterministic) schedule holds every
 * kind; afterwards no child process of this JVM may be alive.
 */
@Timeout(180)
class LocalRunIT extends LocalRunTest {
    LocalRunIT() {
        super("memory", 1);
    }

    private static List<Map<String, Object>> faultLines(Path run) throws Exception {
        return Files.readAllLines(run.resolve("faults.jsonl")).stream().map(line -> {
            try {
                Path one = Files.createTempFile("fault", ".json");
                Files.writeString(one, line);
                Map<String, Object> parsed = JsonFiles.readMap(one);
                Files.delete(one);
                return parsed;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void oneMemoryNodeTakesKillPauseClockAndPowerLossAndStaysCorrect() throws Exception {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLOCK, FaultKind.POWER_LOSS);
        long seed = LocalRuns.seedCovering(kinds, 1, Duration.ofMillis(1500), Duration.ofSeconds(15));
        CommandRun command = test("--workload", "set", "--nemesis", "kill,pause,clock,power-loss", "--nemesis-interval",
                "1.5", "--time-limit", "15", "--rate", "200", "--request-timeout", "1000", "--seed", Long.toString(seed));

        assertThat(command.exitCode()).as(command.err()).isZero();
        Path run = latest();
        List<Map<String, Object>> faults = faultLines(run);
        assertThat(faults).noneMatch(line -> line.containsKey("error"));
        assertThat(faults.stream().filter(line -> "start".equals(line.get("action"))).map(line -> line.get("kind")))
                .containsAll(kinds.stream().map(FaultKind::cliName).toList());
        assertThat(faults.stream().filter(line -> "start".equals(line.get("action"))).count())
                .isEqualTo(faults.stream().filter(line -> "heal".equals(line.get("action"))).count());

        History history = Histories.read(run.resolve("history.jsonl"));
        assertThat(history.ops()).anyMatch(op -> op.finalRead() && op.type() == OpType.OK && "n1".equals(op.node()));
        assertThat(history.operations().stream().filter(operation -> operation.isOk()).count()).as("ok operations").isGreaterThan(100);
        assertThat(JsonFiles.readMap(run.resolve("results.json"))).containsEntry("valid", true);
        assertThat(Files.readString(run.resolve("nodes/n1/node.log"))).contains("event=started");
        assertThat(command.out()).contains("convergence valid").contains("reproduce with: faultline test");
    }

    @Test
    void threeNodesTakePartitionsAndLinkFaultsAndEveryNodeEndsHealed() throws Exception {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.PARTITION, FaultKind.LINK);
        long seed = LocalRuns.seedCovering(kinds, 3, Duration.ofSeconds(1), Duration.ofSeconds(8));
        // Three memory nodes are three independent stores, so the verdict says nothing here;
        // what is checked is that the agents took every fault and ended healed.
        CommandRun command = faultline("test", "--target", "memory", "--nodes", "3", "--workload", "set", "--nemesis",
                "partition,link", "--nemesis-interval", "1", "--time-limit", "8", "--seed", Long.toString(seed),
                "--store", store().toString());

        assertThat(command.exitCode()).as(command.err()).isIn(0, 1);
        Path run = latest();
        List<Map<String, Object>> faults = faultLines(run);
        assertThat(faults).noneMatch(line -> line.containsKey("error"));
        assertThat(faults.stream().filter(line -> "start".equals(line.get("action"))).map(line -> line.get("kind")))
                .contains("partition", "link");
        for (String node : List.of("n1", "n2", "n3")) {
            String status = Files.readString(run.resolve("nodes").resolve(node).resolve("status.json"));
            assertThat(status).contains("\"outboundTo\":[],\"inboundFrom\":[]").contains("\"lossProbability\":0.0")
                    .contains("\"delayMeanMillis\":0").contains("\"reorderProbability\":0.0");
        }
        List<Op> nemesis = Histories.read(run.resolve("history.jsonl")).nemesisOps();
        assertThat(nemesis.get(nemesis.size() - 1).f()).isEqualTo("heal-all");
    }

    @Test
    void thePlantedStaleReadBugOfTheMemoryTargetFailsTheRun() throws Exception {
        CommandRun command = test("--workload", "set", "--bug", "stale-read", "--nemesis", "none", "--time-limit", "4",
                "--seed", "3");
        assertCaught(command, "convergence");
        assertThat(command.out()).contains("convergence INVALID: lost: the acknowledged add of");
    }
}
