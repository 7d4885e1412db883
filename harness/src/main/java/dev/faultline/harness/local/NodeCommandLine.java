package dev.faultline.harness.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command that starts one {@code faultline node}: the same Java, the controller's own class
 * path (the shaded jar when the controller runs from it, the built classes in tests), and the
 * node's target, bugs, options and peers. Node JVMs get a small heap and the serial collector by
 * default, so that five of them fit beside the controller on two cores; the environment variable
 * {@code FAULTLINE_NODE_JAVA_OPTS} replaces those options. A remote node runs the same arguments
 * with the host's Java and the uploaded jar ({@link #nodeArguments}).
 *
 * @param peers every node with its peer address, {@code n1=127.0.0.1:P1,...}
 * @param dataRoot the directory holding each node's {@code <node>/data}, on the host the node runs on
 */
public record NodeCommandLine(String target, List<String> bugs, Map<String, String> targetOptions, String peers, Path dataRoot) {
    static final String JAVA_OPTS_VARIABLE = "FAULTLINE_NODE_JAVA_OPTS";
    private static final List<String> JAVA_OPTS_DEFAULT = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+PerfDisableSharedMem");
    public static final String MAIN_CLASS = "dev.faultline.harness.cli.Main";

    public NodeCommandLine {
        bugs = List.copyOf(bugs);
        targetOptions = Map.copyOf(targetOptions);
    }

    /** The command for a local node on these ports (0: any free port), with its seed; it exits when its standard input closes. */
    List<String> command(String node, int clientPort, int agentPort, long seed) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(nodeArguments(node, clientPort, agentPort, seed));
        command.add("--exit-with-stdin");
        return command;
    }

    /** The node JVM's options: {@code FAULTLINE_NODE_JAVA_OPTS} on the controller, or the small defaults. */
    public static List<String> javaOptions() {
        String javaOpts = System.getenv(JAVA_OPTS_VARIABLE);
        return javaOpts != null ? Arrays.asList(javaOpts.trim().split("\\s+")) : JAVA_OPTS_DEFAULT;
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
