package dev.faultline.harness.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Kill, pause and resume of a child process, always through the PID of the {@link Process} the
 * controller started, never by name.
 */
public final class ProcessSignals {
    private ProcessSignals() {}

    /** SIGKILL, and waits until the process is gone. */
    public static void kill(Process process, String what) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /**
     * Sends {@code STOP} or {@code CONT}: Java cannot send SIGSTOP or SIGCONT itself; the
     * {@code kill} command does, by PID.
     */
    public static void signal(Process process, String signal, String what) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IOException(what + " is not running");
        }
        long pid = process.pid();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: " + output);
        }
    }
}
