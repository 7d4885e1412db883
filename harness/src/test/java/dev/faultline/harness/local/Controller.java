package dev.faultline.harness.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java -jar faultline.jar ...} controller process for integration tests, with its output
 * in files. It and the node processes it starts (its descendants) are stopped by PID in
 * {@link #close}, whatever happened.
 */
final class Controller implements AutoCloseable {
    final Process process;
    private final Path stdout;
    private final Path stderr;
    private final List<ProcessHandle> seen = new ArrayList<>();

    private Controller(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Controller start(Path dir, Map<String, String> environment, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("faultline.jar", "target/faultline.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("controller.out");
        Path stderr = dir.resolve("controller.err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new Controller(builder.start(), stdout, stderr);
    }

    /** The controller's node processes alive now; remembered, so {@link #close} stops them too. */
    List<ProcessHandle> nodes() {
        List<ProcessHandle> nodes = process.descendants().filter(ProcessHandle::isAlive).toList();
        seen.addAll(nodes);
        return nodes;
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the controller (pid " + process.pid() + ") is still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** True when every node process ever seen has exited within the time. */
    boolean nodesExit(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (seen.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** SIGKILL to the controller and to every node process seen or still running under it, each by PID. */
    @Override
    public void close() {
        seen.addAll(process.descendants().toList());
        process.destroyForcibly();
        for (ProcessHandle node : seen) {
            node.destroyForcibly();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle node : seen) {
                node.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("a process survived SIGKILL: " + e);
        }
    }
}
