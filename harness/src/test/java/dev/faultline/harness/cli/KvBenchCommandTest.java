package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Goal: the benchmark drives a real in-process memory node and reports what it measured, with no
 * indeterminate outcomes on a healthy node. A one-second run: it checks the command works, not
 * how fast (figures are recorded in docs/benchmarks.md, never asserted).
 */
class KvBenchCommandTest {
    @Test
    void aShortRunReportsOperationsThroughputAndLatency() {
        CapturedCli cli = new CapturedCli();
        int exit = cli.run("kv-bench", "--workers", "4", "--seconds", "1", "--warmup-seconds", "0", "--keys", "3");
        assertThat(exit).isZero();
        KvBenchOutput outcomes = KvBenchOutput.of(cli.out());
        assertThat(outcomes.ok()).isPositive();
        assertThat(outcomes.info()).isZero();
        assertThat(cli.out()).contains("throughput", "latency µs   p50");
    }

    @Test
    void helpSaysZooKeeperIsATargetAndWithWhichOptions() {
        CapturedCli cli = new CapturedCli();
        assertThat(cli.run("kv-bench", "--help")).isZero();
        assertThat(cli.out()).contains("--target", "zookeeper", "read=plain|sync|barrier", "--timeout-millis", "Exit codes");
    }

    @Test
    void nonsenseSizesAreBadInput() {
        CapturedCli cli = new CapturedCli();
        assertThat(cli.run("kv-bench", "--workers", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("must be positive");
    }

    @Test
    void anUnknownTargetOrTwoWaysToReachNodesAreBadInput() {
        CapturedCli unknown = new CapturedCli();
        assertThat(unknown.run("kv-bench", "--target", "nope")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown target 'nope'");
        CapturedCli bug = new CapturedCli();
        assertThat(bug.run("kv-bench", "--target", "zookeeper", "--bug", "stale-read")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bug.err()).contains("target zookeeper has no planted bugs");
        CapturedCli mode = new CapturedCli();
        assertThat(mode.run("kv-bench", "--target", "zookeeper", "--target-opt", "read=lease")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(mode.err()).contains("target zookeeper has no read mode 'lease'");
        CapturedCli both = new CapturedCli();
        assertThat(both.run("kv-bench", "--target", "raft", "--connect", "127.0.0.1:1")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("exclude each other");
    }
}
