package dev.faultline.harness.netns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A {@link CommandRunner} that runs nothing: it records each command and fails the one at {@code failAt} (0-based; -1: none). */
final class RecordingRunner implements CommandRunner {
    final List<List<String>> commands = new ArrayList<>();
    private final int failAt;

    RecordingRunner(int failAt) {
        this.failAt = failAt;
    }

    RecordingRunner() {
        this(-1);
    }

    @Override
    public String run(List<String> command) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("as Process.waitFor does for an interrupted caller");
        }
        commands.add(command);
        if (commands.size() - 1 == failAt) {
            throw new IOException(String.join(" ", command) + " failed (exit 2): RTNETLINK answers: Operation not permitted");
        }
        return "";
    }

    /** The commands as shell lines, for readable assertions. */
    List<String> lines() {
        return commands.stream().map(command -> String.join(" ", command)).toList();
    }
}
