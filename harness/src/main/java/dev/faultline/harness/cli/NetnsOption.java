package dev.faultline.harness.cli;

import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.harness.netns.HostCommands;
import dev.faultline.harness.netns.NetnsClusterLauncher;
import dev.faultline.harness.run.TestConfig;
import picocli.CommandLine.Option;

/** {@code --netns}: where the nodes of faultline's own targets run on this machine (DESIGN.md §6). */
final class NetnsOption {
    @Option(names = "--netns",
            description = "Run each node in a network namespace of its own (netns mode; Linux, as root, with iproute2's ip and tc): the run creates a bridge fl-<id> in the host namespace holding X.1/24 of a free /24 in 10.200.0.0/13, and per node a namespace fl-<id>-<node> whose eth0 (X.2, X.3, ...) is joined to the bridge by a veth pair; the nodes listen for peers, clients and the agent on their own address, and partitions are made by the kernel (tc rules that silently drop a grudged sender's packets on their way into the receiver) instead of the agents. Link faults, clock, disk, power loss, kill and pause work as in local mode (this kernel lacks netem, so link faults stay in the agents). nodes/netns.json records the names and addresses; everything is removed when the run ends, also when it fails or is interrupted. Not with --nodes-file, nor with target zookeeper.")
    boolean netns;

    /** The launcher for faultline's own targets on this machine: netns mode (after checking the host) or local mode, as {@code config} says. */
    static ClusterLauncher launcher(TestConfig config) throws InterruptedException {
        if (!config.netns()) {
            return new LocalClusterLauncher(config.target(), config.bugs(), config.targetOptions(), config.seedFor("nodes"));
        }
        NetnsClusterLauncher.checkHost(new HostCommands());
        return new NetnsClusterLauncher(config.target(), config.bugs(), config.targetOptions(), config.seedFor("nodes"));
    }
}
