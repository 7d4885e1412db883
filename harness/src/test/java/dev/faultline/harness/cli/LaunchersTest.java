package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.compare.SystemSpec;
import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.zookeeper.ZooKeeperClusterLauncher;
import dev.faultline.nemesis.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Goal: one place picks the launcher of a target and checks what the run asks of it, the same for
 * test, compare and kv-bench; and the default fault list of a comparison is one every system takes,
 * so that every system gets the same schedule.
 */
class LaunchersTest {
    private static final Set<String> REGISTER = Set.of("read", "write", "cas");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private TestConfig.Builder run(String target) {
        return TestConfig.builder().target(target).nodeCount(3).seed(7).store(dir);
    }

    @Test
    void zooKeeperGetsItsOwnLauncherAndNodeTargetsRunAsNodeProcesses() throws Exception {
        assertThat(Launchers.local(run("zookeeper").nemesis(EnumSet.of(FaultKind.PARTITION)).targetOptions(Map.of("read", "sync"))
                .build())).isInstanceOf(ZooKeeperClusterLauncher.class);
        assertThat(Launchers.local(run("raft").build())).isInstanceOf(LocalClusterLauncher.class);
        assertThat(Launchers.local("zab", List.of(), Map.of("read", "local"), Set.of(), REGISTER, TIMEOUT, 1))
                .isInstanceOf(LocalClusterLauncher.class);
    }

    @Test
    void everyTargetIsCheckedBeforeItsLauncherExists() {
        assertThatThrownBy(() -> Launchers.local("nosuch", List.of(), Map.of(), Set.of(), REGISTER, TIMEOUT, 1))
                .hasMessageStartingWith("unknown target 'nosuch'");
        assertThatThrownBy(() -> Launchers.local("raft", List.of("nosuch"), Map.of(), Set.of(), REGISTER, TIMEOUT, 1))
                .hasMessageStartingWith("target raft has no bug 'nosuch'");
        assertThatThrownBy(() -> Launchers.local(run("zookeeper").nemesis(EnumSet.of(FaultKind.CLOCK)).build()))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("target zookeeper cannot take clock faults");
        assertThatThrownBy(() -> Launchers.local(run("zookeeper").nemesis(Set.of()).workload("append").build()))
                .hasMessageStartingWith("target zookeeper serves read, write and cas, not append");
        assertThatThrownBy(() -> Launchers.checkRemote(run("zookeeper").nemesis(Set.of()).build()))
                .hasMessage("target zookeeper runs on this machine only: drop --nodes-file");
    }

    @Test
    void zooKeeperTakesNoClockFaultsAndOurTargetsTakeEvery() {
        assertThat(Launchers.faultKinds("zookeeper")).containsExactlyInAnyOrder(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE,
                FaultKind.LINK);
        assertThat(Launchers.faultKinds("raft")).containsExactlyInAnyOrder(FaultKind.values());
    }

    @Test
    void aComparisonWithZooKeeperDropsClockFromTheDefaultFaultsOfEverySystemButKeepsTheKindsGiven() throws Exception {
        Map<SystemSpec, TestConfig> configs = configs("--system", "zookeeper:read=sync", "--system", "raft");
        assertThat(configs.values()).extracting(TestConfig::nemesis).containsOnly(EnumSet.of(FaultKind.PARTITION, FaultKind.KILL,
                FaultKind.PAUSE));
        assertThat(configs("--system", "raft", "--system", "zab").values()).extracting(TestConfig::nemesis)
                .containsOnly(EnumSet.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLOCK));
        assertThat(configs("--system", "zookeeper", "--system", "raft", "--nemesis", "link").values()).extracting(TestConfig::nemesis)
                .containsOnly(EnumSet.of(FaultKind.LINK));
    }

    @Test
    void zooKeeperGetsTheLadderOfItsWorkloadsLikeAnyTarget() throws Exception {
        assertThat(configs("--system", "zookeeper:read=sync", "--workload", "kv").values()).extracting(TestConfig::checkers)
                .containsOnly(List.of("linearizable", "sequential"));
        assertThat(configs("--system", "zookeeper", "--workload", "kv", "--workload-opt", "cas-percent=0").values())
                .extracting(TestConfig::checkers)
                .containsOnly(List.of("linearizable", "sequential", "causal", "session", "staleness", "convergence"));
    }

    private Map<SystemSpec, TestConfig> configs(String... args) throws InterruptedException {
        CompareCommand compare = new CompareCommand();
        CommandLine commandLine = new CommandLine(compare);
        List<String> argv = List.of(args);
        commandLine.parseArgs(argv.toArray(String[]::new));
        Map<SystemSpec, TestConfig> configs = new LinkedHashMap<>();
        compare.systemRuns(argv, 1).forEach((system, run) -> configs.put(system, run.config()));
        return configs;
    }
}
