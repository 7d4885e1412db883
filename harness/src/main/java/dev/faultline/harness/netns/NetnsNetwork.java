package dev.faultline.harness.netns;

import dev.faultline.harness.netns.NetnsLayout.NetnsNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a run's {@link NetnsLayout} with {@code ip} and removes it again: nothing but the bridge,
 * the namespaces and the veth pairs of this run is touched (no other interface, route or firewall
 * rule of the host). Removal tries every step, so a network created half-way is removed too.
 */
public final class NetnsNetwork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetnsNetwork.class);

    private final NetnsLayout layout;
    private final CommandRunner runner;
    private boolean removed;

    private NetnsNetwork(NetnsLayout layout, CommandRunner runner) {
        this.layout = layout;
        this.runner = runner;
    }

    /**
     * Creates the network; on a failure removes whatever was created and throws.
     *
     * @throws IOException naming the command that failed
     */
    public static NetnsNetwork create(NetnsLayout layout, CommandRunner runner) throws IOException, InterruptedException {
        NetnsNetwork network = new NetnsNetwork(layout, runner);
        try {
            for (List<String> command : createCommands(layout)) {
                runner.run(command);
            }
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The bridge with its address, then per node: the namespace, the veth pair, addresses, links up. */
    static List<List<String>> createCommands(NetnsLayout layout) {
        List<List<String>> commands = new ArrayList<>();
        String bridge = layout.bridge();
        int length = layout.subnet().length();
        commands.add(List.of("ip", "link", "add", bridge, "type", "bridge"));
        commands.add(List.of("ip", "addr", "add", layout.bridgeAddress() + "/" + length, "dev", bridge));
        commands.add(List.of("ip", "link", "set", bridge, "up"));
        for (NetnsNode node : layout.nodes()) {
            String ns = node.namespace();
            commands.add(List.of("ip", "netns", "add", ns));
            commands.add(List.of("ip", "link", "add", node.hostVeth(), "type", "veth", "peer", "name", "eth0", "netns", ns));
            commands.add(List.of("ip", "link", "set", node.hostVeth(), "master", bridge, "up"));
            commands.add(List.of("ip", "-n", ns, "addr", "add", node.address() + "/" + length, "dev", "eth0"));
            commands.add(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
            commands.add(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        return commands;
    }

    /**
     * Per node the veth pair (deleting one end deletes both) and the namespace, then the bridge.
     * Run after the node processes are gone: a namespace outlives its name while a process is in it.
     */
    static List<List<String>> removeCommands(NetnsLayout layout) {
        List<List<String>> commands = new ArrayList<>();
        for (NetnsNode node : layout.nodes()) {
            commands.add(List.of("ip", "link", "del", node.hostVeth()));
            commands.add(List.of("ip", "netns", "del", node.namespace()));
        }
        commands.add(List.of("ip", "link", "del", layout.bridge()));
        return commands;
    }

    public NetnsLayout layout() {
        return layout;
    }

    /** Removes everything of this run's network; a part already gone (never created) is not an error. Never throws. */
    @Override
    public synchronized void close() {
        if (removed) {
            return;
        }
        removed = true;
        // An interrupted caller (Ctrl-C, a test's timeout) must still not leave the network behind.
        boolean interrupted = Thread.interrupted();
        for (List<String> command : removeCommands(layout)) {
            try {
                runner.run(command);
            } catch (IOException e) {
                if (!absent(e)) {
                    log.warn("netns: {}", e.getMessage());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code ip} says of a device or namespace that does not exist. */
    private static boolean absent(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Cannot find device") || message.contains("No such file or directory");
    }
}
