package dev.faultline.harness.cli;

import picocli.CommandLine.Option;

/** {@code --netns}: where the nodes of faultline's own targets run on this machine (DESIGN.md §6). */
final class NetnsOption {
    @Option(names = "--netns",
            description = "Run each node in a network namespace of its own (netns mode; Linux, as root, with iproute2's ip and tc): the run creates a bridge fl-<id> in the host namespace holding X.1/24 of a free /24 in 10.200.0.0/13, and per node a namespace fl-<id>-<node> whose eth0 (X.2, X.3, ...) is joined to the bridge by a veth pair; the nodes listen for peers, clients and the agent on their own address, and partitions are made by the kernel (tc rules that silently drop a grudged sender's packets on their way into the receiver) instead of the agents. Link faults, clock, disk, power loss, kill and pause work as in local mode (this kernel lacks netem, so link faults stay in the agents). nodes/netns.json records the names and addresses; everything is removed when the run ends, also when it fails or is interrupted. Not with --nodes-file, nor with target zookeeper.")
    boolean netns;
}
