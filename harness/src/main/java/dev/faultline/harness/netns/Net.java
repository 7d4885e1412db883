package dev.faultline.harness.netns;

import dev.faultline.harness.netns.NetnsLayout.NetnsNode;
import dev.faultline.nemesis.Fault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Partitions applied by the kernel (DESIGN.md §6's "Net"): keeps the partitions in force and, on
 * each change, runs the {@link TcCommands} that take the network from the old union of grudges to
 * the new one. Kernel rules do not care whether a node's process runs, is paused or was restarted,
 * so nothing has to be re-applied when a node comes back.
 */
public final class Net {
    private final NetnsLayout layout;
    private final CommandRunner runner;
    private final List<Fault.Partition> partitions = new ArrayList<>();
    /** Receiver → the senders the kernel drops for it now. */
    private final Map<String, SortedSet<String>> applied = new HashMap<>();

    public Net(NetnsLayout layout, CommandRunner runner) {
        this.layout = layout;
        this.runner = runner;
    }

    public synchronized void cut(Fault.Partition partition) throws IOException, InterruptedException {
        partitions.add(partition);
        apply();
    }

    public synchronized void heal(Fault.Partition partition) throws IOException, InterruptedException {
        partitions.remove(partition);
        apply();
    }

    public synchronized void healAll() throws IOException, InterruptedException {
        partitions.clear();
        apply();
    }

    /**
     * Runs the commands for the partitions in force, node by node. {@link #applied} follows each
     * node that was brought up to date, so a failure leaves the others' state known; the failed
     * node's rules may be half-built, and its next change fails too, which the nemesis reports.
     */
    private void apply() throws IOException, InterruptedException {
        Map<String, SortedSet<String>> wanted = TcCommands.grudge(partitions);
        for (NetnsNode node : layout.nodes()) {
            SortedSet<String> now = wanted.getOrDefault(node.name(), new TreeSet<>());
            for (List<String> command : TcCommands.change(layout, node, applied.getOrDefault(node.name(), new TreeSet<>()), now)) {
                runner.run(command);
            }
            applied.put(node.name(), now);
        }
    }
}
