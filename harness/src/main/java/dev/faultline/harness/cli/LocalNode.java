package dev.faultline.harness.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code faultline node} child process on this machine: started with a launcher command, its
 * standard error appended to a log file, its ready line parsed for the client and agent ports.
 * Stopped only through its own {@link Process} handle, that is by PID, never by name.
 */
final class LocalNode implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("node (\\S+) ready target=\\S+ client=(\\S+):(\\d+) agent=(\\S+):(\\d+) .*");
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    final Process process;
    final InetSocketAddress client;
    final InetSocketAddress agent;

    private LocalNode(Process process, InetSocketAddress client, InetSocketAddress agent) {
        this.process = process;
        this.client = client;
        this.agent = agent;
    }

    /**
     * The command that runs faultline from this JVM's own classpath (the shaded jar when started
     * with {@code java -jar}), with {@code jvmOptions} before the class name.
     */
    static List<String> launcherOfThisJvm(List<String> jvmOptions) {
        List<String> launcher = new ArrayList<>();
        launcher.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        launcher.addAll(jvmOptions);
        launcher.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return launcher;
    }

    /**
     * Runs {@code launcher node nodeArgs...} with the agent token in its environment and waits for
     * its ready line; a node that does not get ready is killed before this throws.
     */
    static LocalNode start(List<String> launcher, List<String> nodeArgs, String token, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add("node");
        command.addAll(nodeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("FAULTLINE_AGENT_TOKEN", token);
        Process process = builder.start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
        try {
            String line = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Matcher match = READY.matcher(line == null ? "" : line);
            if (!match.matches()) {
                throw new IOException("node did not start (" + line + "); see " + log);
            }
            return new LocalNode(process,
                    new InetSocketAddress(match.group(2), Integer.parseInt(match.group(3))),
                    new InetSocketAddress(match.group(4), Integer.parseInt(match.group(5))));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | IOException e) {
            process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new IOException("node did not become ready: " + e + "; see " + log, e);
        }
    }

    private static String readyLine(Process process) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            return out.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as the nemesis does: the process gets no chance to flush or sync anything. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + pid() + " survived SIGKILL for " + EXIT_TIMEOUT_SECONDS + " s");
        }
    }

    /** SIGKILL if still alive; never throws, so a caller can stop every node it started in one loop. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("pid " + pid() + " survived SIGKILL for " + EXIT_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
