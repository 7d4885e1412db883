package dev.faultline.harness.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How integration tests launch {@code faultline node}: from the shaded jar the harness module
 * builds (the artifact users run), with a small heap and fast start-up, and a fixed agent token.
 */
final class NodeProcess {
    static final String TOKEN = "it-token";

    private NodeProcess() {}

    static Path jar() {
        return Path.of(System.getProperty("faultline.jar", "target/faultline.jar"));
    }

    static List<String> launcher() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString());
    }

    /** Starts {@code faultline node ARGS...} and waits for its ready line. */
    static LocalNode start(Path log, String... args) throws IOException, InterruptedException {
        return LocalNode.start(launcher(), List.of(args), TOKEN, log);
    }
}
