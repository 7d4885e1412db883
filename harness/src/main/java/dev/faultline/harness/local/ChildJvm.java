package dev.faultline.harness.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command that starts a child JVM of the controller: the same Java, the controller's own class
 * path (the shaded jar when the controller runs from it, the built classes in tests), a main class
 * and its arguments. Child JVMs get a small heap and the serial collector by default, so that five
 * of them fit beside the controller on two cores; the environment variable
 * {@code FAULTLINE_NODE_JAVA_OPTS} replaces those options. Used for {@code faultline node}
 * processes and for third-party servers that the jar carries (ZooKeeper).
 */
public final class ChildJvm {
    static final String JAVA_OPTS_VARIABLE = "FAULTLINE_NODE_JAVA_OPTS";
    private static final List<String> JAVA_OPTS_DEFAULT = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+PerfDisableSharedMem");

    private ChildJvm() {}

    /** {@code java OPTS [systemProperties] -cp CLASSPATH mainClass arguments}. */
    public static List<String> command(List<String> systemProperties, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions());
        command.addAll(systemProperties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        return command;
    }

    /** A child JVM's options: {@code FAULTLINE_NODE_JAVA_OPTS} on the controller, or the small defaults; remote nodes get the same. */
    public static List<String> javaOptions() {
        String javaOpts = System.getenv(JAVA_OPTS_VARIABLE);
        return javaOpts != null ? Arrays.asList(javaOpts.trim().split("\\s+")) : JAVA_OPTS_DEFAULT;
    }

    /** The last non-blank line of a child's log, for the one-line error of a start that failed. */
    public static String lastLogLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
            return "nothing in " + log;
        } catch (IOException e) {
            return "see " + log;
        }
    }
}
