package dev.faultline.harness.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command that starts one {@code faultline node}: a {@link ChildJvm} running the node's target,
 * bugs, options and peers; a remote node runs the same arguments with the host's Java and the
 * uploaded jar ({@link #nodeArguments}).
 *
 * @param peers every node with its peer address, {@code n1=127.0.0.1:P1,...}
 * @param dataRoot the directory holding each node's {@code <node>/data}, on the host the node runs on
 */
public record NodeCommandLine(String target, List<String> bugs, Map<String, String> targetOptions, String peers, Path dataRoot)
        implements NodeStartCommand {
    public static final String MAIN_CLASS = "dev.faultline.harness.cli.Main";

    public NodeCommandLine {
        bugs = List.copyOf(bugs);
        targetOptions = Map.copyOf(targetOptions);
    }

    /** The command for a local node on these ports (0: any free port), with its seed; it exits when its standard input closes. */
    @Override
    public List<String> command(String node, int clientPort, int agentPort, long seed) {
        List<String> arguments = new ArrayList<>(nodeArguments(node, clientPort, agentPort, seed));
        arguments.add("--exit-with-stdin");
        return ChildJvm.command(List.of(), MAIN_CLASS, arguments);
    }

    /** {@code node TARGET --id ...}: the arguments of the main class for a node on these ports, with its seed. */
    public List<String> nodeArguments(String node, int clientPort, int agentPort, long seed) {
        List<String> arguments = new ArrayList<>(List.of("node", target, "--id", node,
                "--data", dataRoot.resolve(node).resolve("data").toString(), "--peers", peers,
                "--client-port", Integer.toString(clientPort), "--agent-port", Integer.toString(agentPort),
                "--seed", Long.toString(seed)));
        for (String bug : bugs) {
            arguments.addAll(List.of("--bug", bug));
        }
        targetOptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(option -> arguments.addAll(List.of("--target-opt", option.getKey() + "=" + option.getValue())));
        return arguments;
    }
}
