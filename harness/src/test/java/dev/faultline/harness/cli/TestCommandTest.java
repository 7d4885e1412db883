package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to test and analyze: one line, exit 254, before any node is started or any file written. */
class TestCommandTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    private void rejects(String expected, String... args) {
        cli.clear();
        assertThat(cli.run(args)).as(cli.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).startsWith("faultline: " + expected);
        assertThat(cli.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void badTestOptionsAreOneLineAndStartNothing() {
        String store = dir.resolve("store").toString();
        rejects("Unknown option: '--bogus'", "test", "--bogus");
        rejects("unknown target 'nosuch' (known: memory, ping", "test", "--target", "nosuch", "--store", store);
        rejects("target memory has no bug 'nosuch'", "test", "--target", "memory", "--nodes", "1", "--nemesis", "none",
                "--bug", "nosuch", "--store", store);
        rejects("unknown --nemesis fault quake (known: partition, kill, pause, clock, power-loss, link, disk, or none)",
                "test", "--target", "memory", "--nemesis", "quake");
        rejects("unknown --nemesis-targets choice some (known: one, minority, majority, leader, all)",
                "test", "--target", "memory", "--nemesis-targets", "some");
        rejects("--concurrency must be at least the node count (3)", "test", "--target", "memory", "--nodes", "3",
                "--concurrency", "2");
        rejects("partition and link faults act on peer links: they need at least 2 nodes, the cluster has 1",
                "test", "--target", "memory", "--nodes", "1", "--nemesis", "partition");
        rejects("unknown workload queue (known: register, kv, set, append)", "test", "--target", "memory", "--workload", "queue");
        rejects("--time-limit must be a positive number of seconds, was -1.0", "test", "--target", "memory", "--time-limit", "-1");
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void aBadNemesisScriptIsNamedWithItsLine() throws Exception {
        String store = dir.resolve("store").toString();
        Path script = dir.resolve("faults.txt");
        Files.writeString(script, "# cut the leader off\n0 5 partition leader\n1 1 kill leader+7 | others\n");
        rejects(script + ":3: only a partition has two groups of targets", "test", "--target", "memory", "--nodes", "3",
                "--nemesis-script", script.toString(), "--store", store);
        Files.writeString(script, "0 5 partition leader\n");
        rejects("--nemesis-script replaces the random schedule: drop --nemesis-interval", "test", "--target", "memory",
                "--nodes", "3", "--nemesis-script", script.toString(), "--nemesis-interval", "3", "--store", store);
        rejects("cannot read the nemesis script " + dir.resolve("none.txt"), "test", "--target", "memory",
                "--nemesis-script", dir.resolve("none.txt").toString(), "--store", store);
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void analyzeNeedsARunDirectory() throws Exception {
        rejects(dir + " is not a run directory: it has no test.json", "analyze", dir.toString());
        Files.writeString(dir.resolve("test.json"), "{\"workload\":\"set\"}");
        rejects(dir.resolve("history.jsonl") + ": no such file", "analyze", dir.toString());
    }

    @Test
    void helpDescribesEveryOption() {
        assertThat(cli.run("test", "--help")).isZero();
        assertThat(cli.out()).contains("--target", "--nodes", "--workload", "--workload-opt", "--nemesis=LIST", "--nemesis-interval",
                "--nemesis-targets", "--nemesis-script", "leader+K", "--time-limit", "--concurrency", "--rate", "--seed", "--checker", "--bug", "--target-opt",
                "--request-timeout", "--store", "Exit codes");
        cli.clear();
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out()).contains("test", "analyze", "harness-bench");
    }
}
