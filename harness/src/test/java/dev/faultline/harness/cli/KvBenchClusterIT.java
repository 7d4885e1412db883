package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Goal: {@code kv-bench --target raft --nodes 3} starts a real local cluster, drives its leader
 * through redirects, reports what it measured, and stops the nodes it started; {@code --target
 * zookeeper} does the same with a real ZooKeeper ensemble and its sessions. Short runs: they check
 * the command works, not how fast (figures go to docs/benchmarks.md). Cost: about 8 s each.
 */
class KvBenchClusterIT {
    @Test
    void aShortRunAgainstALocalRaftClusterReportsOkOperations() {
        CapturedCli cli = new CapturedCli();
        int exit = cli.run("kv-bench", "--target", "raft", "--nodes", "3", "--workers", "4", "--seconds", "2",
                "--warmup-seconds", "3", "--keys", "3");
        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("local 3-node raft cluster");
        KvBenchOutput outcomes = KvBenchOutput.of(cli.out());
        assertThat(outcomes.ok()).isPositive();
    }

    @Test
    void aShortRunAgainstAZooKeeperEnsembleReportsOkOperationsAndLeavesNoServerRunning() {
        CapturedCli cli = new CapturedCli();
        int exit = cli.run("kv-bench", "--target", "zookeeper", "--nodes", "3", "--target-opt", "read=sync", "--workers", "6",
                "--seconds", "2", "--warmup-seconds", "3", "--keys", "3");
        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("local 3-node zookeeper cluster --target-opt read=sync");
        KvBenchOutput outcomes = KvBenchOutput.of(cli.out());
        assertThat(outcomes.ok()).as(cli.out()).isPositive();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).as("servers left running").isEmpty();
    }
}
