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
 * {@code FAULTLINE_NODE_JAVA_OPTS} replaces those options.
 *
 * @param peers every node with its peer address, {@code n1=127.0.0.1:P1,...}
 * @param dataRoot the directory holding each node's {@code <node>/data}
 */
record NodeCommandLine(String target, List<String> bugs, Map<String, String> targetOptions, String peers, Path dataRoot) {
    static final String JAVA_OPTS_VARIABLE = "FAULTLINE_NODE_JAVA_OPTS";
    private static final List<String> JAVA_OPTS_DEFAULT = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+PerfDisableSharedMem");

    NodeCommandLine {
        bugs = List.copyOf(bugs);
        targetOptions = Map.copyOf(targetOptions);
    }

    /** The command for a node on these ports (0: any free port), with its seed. */
    List<String> command(String node, int clientPort, int agentPort, long seed) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOpts = System.getenv(JAVA_OPTS_VARIABLE);
        command.addAll(javaOpts != null ? Arrays.asList(javaOpts.trim().split("\\s+")) : JAVA_OPTS_DEFAULT);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.faultline.harness.cli.Main",
                "node", target, "--id", node, "--data", dataRoot.resolve(node).resolve("data").toString(),
                "--peers", peers, "--client-port", Integer.toString(clientPort), "--agent-port", Integer.toString(agentPort),
                "--seed", Long.toString(seed), "--exit-with-stdin"));
        for (String bug : bugs) {
            command.addAll(List.of("--bug", bug));
        }
        targetOptions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(option -> command.addAll(List.of("--target-opt", option.getKey() + "=" + option.getValue())));
        return command;
    }
}
