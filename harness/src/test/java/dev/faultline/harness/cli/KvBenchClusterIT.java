package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Goal: {@code kv-bench --target raft --nodes 3} starts a real local cluster, drives its leader
 * through redirects, reports what it measured, and stops the nodes it started. A short run: it
 * checks the command works, not how fast (figures go to docs/benchmarks.md).
 */
class KvBenchClusterIT {
    @Test
    void aShortRunAgainstALocalRaftClusterReportsOkOperations() {
        CapturedCli cli = new CapturedCli();
        int exit = cli.run("kv-bench", "--target", "raft", "--nodes", "3", "--workers", "4", "--seconds", "2",
                "--warmup-seconds", "3", "--keys", "3");
        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("local 3-node raft cluster");
        Matcher operations = Pattern.compile("operations +(\\d+) \\(ok (\\d+), fail (\\d+), info (\\d+)\\)").matcher(cli.out());
        assertThat(operations.find()).as(cli.out()).isTrue();
        assertThat(Long.parseLong(operations.group(2))).isPositive();
    }
}
