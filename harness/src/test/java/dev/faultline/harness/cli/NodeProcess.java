package dev.faultline.harness.cli;

import dev.faultline.harness.local.FreePorts;
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
 * A {@code faultline node} child process for integration tests, started from the shaded jar the
 * harness module builds. Its standard error goes to a log file; its ready line is parsed for the
 * ports. Stopped only through its own {@link Process} handle, by PID, never by name.
 */
final class NodeProcess implements AutoCloseable {
    static final String TOKEN = "it-token";
    private static final Pattern READY = Pattern.compile("node (\\S+) ready target=\\S+ client=(\\S+):(\\d+) agent=(\\S+):(\\d+) .*");
    private static final long READY_TIMEOUT_SECONDS = 60;

    final Process process;
    final InetSocketAddress client;
    final InetSocketAddress agent;

    private NodeProcess(Process process, InetSocketAddress client, InetSocketAddress agent) {
        this.process = process;
        this.client = client;
        this.agent = agent;
    }

    /**
     * A {@code --peers} value giving each of {@code ids} a free port on 127.0.0.1, from below the
     * ephemeral range ({@link FreePorts}): a killed node restarts on its port, which an ephemeral
     * one could meanwhile be the local end of some connection.
     */
    static String loopbackPeers(List<String> ids) throws IOException {
        List<Integer> ports = FreePorts.onLoopback(ids.size());
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            peers.append(peers.length() == 0 ? "" : ",").append(ids.get(i)).append("=127.0.0.1:").append(ports.get(i));
        }
        return peers.toString();
    }

    static Path jar() {
        return Path.of(System.getProperty("faultline.jar", "target/faultline.jar"));
    }

    /** Starts {@code faultline node ARGS...} and waits for its ready line. */
    static NodeProcess start(Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "node"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("FAULTLINE_AGENT_TOKEN", TOKEN);
        Process process = builder.start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process));
        try {
            String line = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Matcher match = READY.matcher(line == null ? "" : line);
            if (!match.matches()) {
                throw new IOException("node did not start (" + line + "); see " + log);
            }
            return new NodeProcess(process,
                    new InetSocketAddress(match.group(2), Integer.parseInt(match.group(3))),
                    new InetSocketAddress(match.group(4), Integer.parseInt(match.group(5))));
        } catch (Exception e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGKILL if still alive; never throws, so a caller can stop every node it started in one loop. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println("pid " + pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
