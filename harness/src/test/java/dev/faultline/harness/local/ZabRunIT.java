package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
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
 * <p>Cost: five runs of 20 to 25 s plus start, heal and check: 132 s on the loaded
 * 2-core build machine when each expected anomaly shows in its first run (each may take three).
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
}
