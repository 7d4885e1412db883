package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.nemesis.FaultKind;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: the zookeeper target end to end against a real Apache ZooKeeper 3.9.5 ensemble of three
 * servers, with partitions through the link proxies and pauses by PID: what ZooKeeper documents
 * holds (zookeeperInternals.md, "Consistency Guarantees"). Plain reads are served by the connected
 * server, so the linearizable checker finds a stale read while the sequential checker finds none;
 * reads behind a barrier write are linearizable.
 *
 * <p>Method: the CLI in this JVM; a seed whose schedule holds a partition and a pause in the first
 * half of the run (a paused or cut-off follower answers reads queued meanwhile from its stale
 * state); afterwards no server process may be alive. The plain run may take up to three attempts
 * ({@link #caughtWithin}): a stale read needs a read to meet the fault.
 *
 * <p>Cost: two runs of 20 s, each plus about 12 s of start, final reads and check: about 65 s on
 * the shared 2-core machine (docs/benchmarks.md, Apache ZooKeeper).
 */
@Timeout(300)
class ZooKeeperRunIT extends LocalRunTest {
    private static final Set<FaultKind> KINDS = EnumSet.of(FaultKind.PARTITION, FaultKind.PAUSE);
    private static final long SEED = LocalRuns.seedCovering(KINDS, 3, Duration.ofSeconds(3), Duration.ofSeconds(20));

    ZooKeeperRunIT() {
        super("zookeeper", 3);
    }

    private static String[] options(String readMode) {
        return seeded(SEED, 20, "--nemesis", "partition,pause", "--nemesis-interval", "3", "--checker",
                "linearizable,sequential", "--target-opt", "read=" + readMode);
    }

    @Test
    void plainReadsAreSequentiallyConsistentButNotLinearizable() throws Exception {
        CommandRun run = caughtWithin(3, "linearizable", options("plain"));

        assertThat(verdict("sequential")).as("%s", run.out()).containsEntry("valid", true);
        assertThat(Files.readAllLines(latest().resolve("faults.jsonl"))).noneMatch(line -> line.contains("\"error\""))
                .anyMatch(line -> line.contains("\"partition\"")).anyMatch(line -> line.contains("\"pause\""));
    }

    @Test
    void barrierReadsAreLinearizable() throws Exception {
        CommandRun run = test(options("barrier"));

        assertThat(run.exitCode()).as("%s%n%s", run.out(), run.err()).isZero();
        assertThat(verdict("linearizable")).containsEntry("valid", true);
        assertThat(verdict("sequential")).containsEntry("valid", true);
        List<String> nodes = List.of("n1", "n2", "n3");
        for (String node : nodes) {
            assertThat(latest().resolve("nodes").resolve(node).resolve("zoo.cfg")).exists();
        }
    }
}
