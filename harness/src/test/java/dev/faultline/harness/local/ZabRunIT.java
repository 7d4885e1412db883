package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: issue 9 end to end — {@code faultline test --target zab} against three real node
 * processes under real faults: the correct build with {@code read=sync} is linearizable; with
 * {@code read=local} it is sequentially consistent but not linearizable, and the results say
 * both; and planted bugs fail the run with a witness. Method: the CLI in this JVM with fixed seeds
 * (the runs are timing-dependent; each seed caught its bug in every run tried, see the ZAB section
 * of docs/benchmarks.md); afterwards no child process of this JVM may be alive.
 *
 * <p>Cost: six runs of 20 to 25 s plus start, heal and check: 227 s inside a whole
 * {@code verify} on the shared 2-core build machine at load 12 to 17, where one expected anomaly
 * took a second run (each may take three); the scripted ack-newleader-before-fsync case adds a
 * 26 s run (about 31 s with start and check), the scripted epoch-from-log-only case a 30 s run
 * (about 33 s; it caught on its first attempt in 1 of 2 test runs, on its second in the other).
 */
@Timeout(300)
class ZabRunIT extends LocalRunTest {
    ZabRunIT() {
        super("zab", 3);
    }

    @Test
    void withSyncReadsTheCorrectBuildStaysLinearizableUnderPartitionsKillsPausesAndClockFaults() throws Exception {
        CommandRun run = test(seeded(1, 25, "--target-opt", "read=sync", "--nemesis", "partition,kill,pause,clock",
                "--nemesis-interval", "4"));
        assertThat(run.exitCode()).as("%s%n%s", run.out(), run.err()).isZero();
        assertThat(verdict("linearizable")).containsEntry("valid", true);
        assertThat(run.out()).contains("linearizable valid");
    }

    @Test
    void withLocalReadsPartitionsShowStaleReadsThatAreStillSequentiallyConsistent() throws Exception {
        CommandRun run = caughtWithin(3, "linearizable", seeded(3, 20, "--rate", "200", "--target-opt", "read=local",
                "--nemesis", "partition", "--nemesis-interval", "2", "--checker", "linearizable,sequential"));
        assertThat(verdict("sequential")).containsEntry("valid", true);
        assertThat(run.out()).contains("sequential valid");
    }

    /**
     * Slow disks with power cut while fsyncs are in flight: the correct build acknowledges a txn
     * only after its fsync returns, so no acknowledged write is lost and every node converges.
     * Also checks that the disk fault reached the nodes: applied without error, logged by each.
     */
    @Test
    void withSlowDisksAndPowerLossTheCorrectBuildLosesNoAcknowledgedWrite() throws Exception {
        CommandRun run = test(seeded(1, 20, "--workload", "kv", "--workload-opt", "ops-per-key=10", "--workload-opt",
                "cas-percent=0", "--checker", "linearizable,convergence", "--target-opt", "read=sync", "--nemesis",
                "disk,power-loss", "--nemesis-targets", "all", "--nemesis-interval", "3"));
        assertThat(run.exitCode()).as("%s%n%s", run.out(), run.err()).isZero();
        assertThat(verdict("convergence")).containsEntry("valid", true);
        List<String> diskStarts = Files.readAllLines(latest().resolve("faults.jsonl")).stream()
                .filter(line -> line.contains("\"action\":\"start\"") && line.contains("\"kind\":\"disk\""))
                .toList();
        assertThat(diskStarts).as("a disk fault was applied").isNotEmpty().noneMatch(line -> line.contains("\"error\""));
        for (String node : List.of("n1", "n2", "n3")) {
            assertThat(Files.readString(latest().resolve("nodes/" + node + "/node.log")))
                    .as("%s logged its slow disk", node).contains("disk-faults fsync-delay=");
        }
    }

    @Test
    void commitOutOfOrderIsCaughtWhenTheLeadersMessagesAreReordered() throws Exception {
        caughtWithin(3, "linearizable", seeded(10, 25, "--target-opt", "read=sync", "--bug", "commit-out-of-order",
                "--nemesis", "link", "--nemesis-targets", "leader", "--nemesis-interval", "3"));
    }

    @Test
    void skipZxidCheckOnConnectIsCaughtWhenSessionsMoveToLaggingFollowers() throws Exception {
        caughtWithin(3, "sequential", seeded(4, 20, "--target-opt", "read=local", "--bug", "skip-zxid-check-on-connect",
                "--checker", "sequential", "--nemesis", "link", "--nemesis-targets", "leader", "--nemesis-interval", "3"));
    }

    @Test
    void syncSkipTruncIsCaughtWhenAnIsolatedLeaderRejoins() throws Exception {
        // Keys of three operations each, so that the deposed leader's phantom write stays the
        // key's last one on it; the convergence checker sees its final read disagree.
        caughtWithin(3, "convergence", seeded(18, 25, "--workload", "kv", "--workload-opt", "ops-per-key=3",
                "--workload-opt", "cas-percent=0", "--checker", "linearizable,convergence", "--target-opt", "read=sync",
                "--bug", "sync-skip-trunc", "--nemesis", "partition", "--nemesis-interval", "4"));
    }

    /**
     * A learner acknowledges NEWLEADER before its synced txns are durable: the nemesis script
     * docs/nemesis-scripts/zab-ack-newleader.txt makes it lag, forms a new epoch of the old leader
     * and it alone, cuts its power between its durable epoch and its durable txns (a slow disk holds
     * them 1.2 s apart), and sends the old leader away before it restarts next to the third node,
     * whose older epoch loses the election and whose committed txns are truncated. One pass, 26 s.
     */
    @Test
    void ackNewLeaderBeforeFsyncIsCaughtByTheScriptedPowerCutOfALaggingLearner() throws Exception {
        caughtWithin(3, "convergence", scripted("zab-ack-newleader.txt", 95, 1, 26, "ack-newleader-before-fsync"));
    }

    /**
     * A restarted node takes its epochs from its log alone: the nemesis script
     * docs/nemesis-scripts/zab-epoch-from-log.txt has a new leader establish epoch e with one
     * follower whose slow disk holds back e's first txn, cuts that follower's power, and keeps the
     * leader (which logged txns of e) away while the follower restarts next to the old leader: the
     * two establish e again, with other txns under the same zxids, and the first leader keeps its
     * own when it rejoins. One pass, 30 s (Y rejoins 21 s into the pass, which starts late on a loaded
     * machine); a write in five operations, so that the new leader has writes to log in the 0.8 s it serves.
     */
    @Test
    void epochFromLogOnlyIsCaughtWhenARestartedFollowerForgetsAnEpochAndItIsEstablishedTwice() throws Exception {
        caughtWithin(3, "convergence", scripted("zab-epoch-from-log.txt", 80, 1, 30, "epoch-from-log-only"));
    }

    /**
     * A run of one of the ZAB scripts in docs/nemesis-scripts with the options its header names: few
     * writes ({@code readPercent}) on keys of ten operations, synced reads.
     */
    private static String[] scripted(String scriptFile, int readPercent, long seed, int seconds, String bug) {
        Path script = Path.of("..", "docs", "nemesis-scripts", scriptFile).toAbsolutePath().normalize();
        assertThat(script).as("the script, read from the checkout").isRegularFile();
        return seeded(seed, seconds, "--workload", "kv", "--workload-opt", "ops-per-key=10", "--workload-opt",
                "cas-percent=0", "--workload-opt", "read-percent=" + readPercent, "--rate", "20", "--checker",
                "linearizable,convergence", "--target-opt", "read=sync", "--bug", bug, "--nemesis-script",
                script.toString());
    }
}
