package dev.faultline.harness.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command that starts one {@code faultline node}: a {@link ChildJvm} running the node's target,
 * bugs, options and peers.
 *
 * @param peers every node with its peer address, {@code n1=127.0.0.1:P1,...}
 * @param dataRoot the directory holding each node's {@code <node>/data}
 */
record NodeCommandLine(String target, List<String> bugs, Map<String, String> targetOptions, String peers, Path dataRoot) {

    NodeCommandLine {
        bugs = List.copyOf(bugs);
        targetOptions = Map.copyOf(targetOptions);
    }

    /** The command for a node on these ports (0: any free port), with its seed. */
    List<String> command(String node, int clientPort, int agentPort, long seed) {
        List<String> arguments = new ArrayList<>(List.of("node", target, "--id", node, "--data",
                dataRoot.resolve(node).resolve("data").toString(), "--peers", peers, "--client-port", Integer.toString(clientPort),
                "--agent-port", Integer.toString(agentPort), "--seed", Long.toString(seed), "--exit-with-stdin"));
        for (String bug : bugs) {
            arguments.addAll(List.of("--bug", bug));
        }
        targetOptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(option -> arguments.addAll(List.of("--target-opt", option.getKey() + "=" + option.getValue())));
        return ChildJvm.command(List.of(), "dev.faultline.harness.cli.Main", arguments);
    }
}
