package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.harness.netns.HostCommands;
import dev.faultline.harness.netns.NetnsClusterLauncher;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.zookeeper.ReadMode;
import dev.faultline.harness.zookeeper.ZooKeeperClusterLauncher;
import dev.faultline.harness.zookeeper.ZooKeeperTarget;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.target.TargetRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which launcher starts a target on this machine, and whether the target takes what a run asks of
 * it: the one place where {@code faultline test}, {@code compare} and {@code kv-bench} turn a
 * target name into a cluster (and {@code shrink}, which replays a stored run). A target of {@code faultline node} runs as node processes (its spec
 * checks its bugs and options); {@code zookeeper} is a real ensemble with a launcher of its own,
 * which refuses bugs, unknown options, faults it cannot apply and operations it cannot serve.
 * Every check happens before anything starts, so bad input is one line and exit 254.
 */
public final class Launchers {
    private Launchers() {}

    /** The fault kinds the target's nemesis can apply. */
    static Set<FaultKind> faultKinds(String target) {
        return isZooKeeper(target) ? ZooKeeperTarget.FAULT_KINDS : Set.copyOf(EnumSet.allOf(FaultKind.class));
    }

    /**
     * The launcher of a run's system on this machine, after checking the target takes the run's
     * settings: in netns mode (after checking the host can make namespaces) or local mode, as
     * {@code config} says.
     */
    public static ClusterLauncher local(TestConfig config) throws InterruptedException {
        if (config.netns()) {
            if (isZooKeeper(config.target())) {
                throw new UserInputException("target zookeeper runs on this machine in local mode only: drop --netns");
            }
            checkNodeTarget(config.target(), config.bugs(), config.targetOptions());
            NetnsClusterLauncher.checkHost(new HostCommands());
            return new NetnsClusterLauncher(config.target(), config.bugs(), config.targetOptions(), config.seedFor("nodes"));
        }
        return local(config.target(), config.bugs(), config.targetOptions(), config.nemesis(),
                config.createWorkload().functions(), config.requestTimeout(), config.seedFor("nodes"));
    }

    /**
     * The launcher of a target on this machine, after checking it.
     *
     * @param faults the fault kinds the run will apply
     * @param functions the operations the workload invokes (read, write, cas, add, append)
     * @param requestTimeout how long a client waits for an answer; a ZooKeeper session's request timeout derives from it
     * @param seed the seed of the nodes' random choices (node seeds, link-fault draws)
     * @throws UserInputException or {@link IllegalArgumentException}: one line naming the target and what it refuses
     */
    static ClusterLauncher local(String target, List<String> bugs, Map<String, String> options, Set<FaultKind> faults,
            Set<String> functions, Duration requestTimeout, long seed) {
        if (isZooKeeper(target)) {
            ReadMode readMode = ZooKeeperTarget.check(options, bugs, faults, functions);
            return new ZooKeeperClusterLauncher(readMode, requestTimeout.toMillis(), seed);
        }
        checkNodeTarget(target, bugs, options);
        return new LocalClusterLauncher(target, bugs, options, seed);
    }

    /** Checks a run whose nodes run on SSH hosts, where only targets of {@code faultline node} go. */
    static void checkRemote(TestConfig config) {
        if (isZooKeeper(config.target())) {
            throw new UserInputException("target zookeeper runs on this machine only: drop --nodes-file");
        }
        checkNodeTarget(config.target(), config.bugs(), config.targetOptions());
    }

    private static void checkNodeTarget(String target, List<String> bugs, Map<String, String> options) {
        TargetRegistry.builtIn().find(target).create(new LinkedHashSet<>(bugs), options);
    }

    private static boolean isZooKeeper(String target) {
        return ZooKeeperTarget.NAME.equals(target);
    }
}
