package dev.faultline.harness.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link CommandRunner} for real: a child process, waited for at most {@link #TIMEOUT_SECONDS} (an
 * {@code ip} or {@code tc} call takes milliseconds; one that hangs is killed by its PID).
 */
public final class HostCommands implements CommandRunner {
    static final int TIMEOUT_SECONDS = 20;

    @Override
    public String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process, false));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process, true));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                    + err.join().strip().replace('\n', ' '));
        }
        return out.join();
    }

    private static String readAll(Process process, boolean error) {
        try {
            return new String((error ? process.getErrorStream() : process.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
