package dev.faultline.harness.local;

import java.util.List;

/**
 * The command line that starts one {@code faultline node} child process on the given ports (0: any
 * free port) with its seed: {@link NodeCommandLine} for a node on this machine's loopback; netns
 * mode runs the same command inside the node's network namespace.
 */
@FunctionalInterface
public interface NodeStartCommand {
    List<String> command(String node, int clientPort, int agentPort, long seed);
}
