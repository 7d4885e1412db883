package dev.faultline.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goal: faultline compare checks every system, option and expectation before it starts anything: bad input is one line, exit 254, no store. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private void rejects(String expected, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "compare";
        args[1] = "--store";
        args[2] = dir.resolve("store").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(254);
        assertThat(run.err()).startsWith("faultline: " + expected);
        assertThat(run.err().lines().count()).isLessThanOrEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void badSystemsOptionsAndExpectationsStartNothing() {
        rejects("Missing required option: '--system");
        rejects("--system nosuch: unknown target 'nosuch' (known: memory, ping, raft", "--system", "raft", "--system", "nosuch");
        rejects("--system zab:foo=1: target zab has no option 'foo' (known: read, observers, snapshot-every)", "--system", "raft",
                "--system", "zab:foo=1");
        rejects("--system zab:read=often: target zab: option read must be one of", "--system", "zab:read=often");
        rejects("--system gossip:w: 'w' is not KEY=VALUE", "--system", "gossip:w");
        rejects("--system raft: the label raft is taken", "--system", "raft", "--system", "raft");
        rejects("--system r.=raft: its runs would share the store name r-register", "--system", "r=raft", "--system", "r.=raft");
        rejects("--expect zab=linearizable: no system is labelled zab", "--system", "raft", "--expect", "zab=linearizable");
        rejects("--expect raft=causal: this workload's comparison does not check causal", "--system", "raft", "--expect", "raft=causal");
        rejects("unknown --nemesis fault quake", "--system", "raft", "--nemesis", "quake");
        rejects("unknown workload queue", "--system", "raft", "--workload", "queue");
    }

    @Test
    void whatZooKeeperCannotDoIsRefusedUpFrontNamingTheSystem() {
        rejects("--system zk=zookeeper:read=sync: target zookeeper cannot take clock faults (it takes: partition, kill, pause, link)",
                "--system", "raft", "--system", "zk=zookeeper:read=sync", "--nemesis", "partition,clock");
        rejects("--system zookeeper:read=lease: target zookeeper has no read mode 'lease' (known: plain, sync, barrier)",
                "--system", "zookeeper:read=lease");
        rejects("--system zookeeper: target zookeeper serves read, write and cas, not add", "--system", "zookeeper", "--workload", "set");
        rejects("--system zookeeper:sessions=2: target zookeeper has no option 'sessions'", "--system", "zookeeper:sessions=2");
    }

    @Test
    void helpDescribesEveryOptionAndTheExitCodes() {
        CommandRun help = CommandRun.of("compare", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--system", "--expect", "--workload", "--nemesis=LIST", "--nemesis-interval", "--nemesis-targets",
                "--time-limit", "--rate", "--concurrency", "--seed", "--nodes", "--store", "timing still differs", "compare.json",
                "compare.html", "Exit codes", "zookeeper:read=sync");
    }
}
