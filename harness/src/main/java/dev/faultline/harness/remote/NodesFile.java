package dev.faultline.harness.remote;

import dev.faultline.harness.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Jepsen's nodes file: one host per line, {@code [user@]host[:port]}, node n1 on the first; blank
 * lines and {@code #} comments are skipped. A host may appear on several lines to run several
 * nodes (each on its own peer port).
 */
public final class NodesFile {
    private NodesFile() {}

    /** @throws UserInputException naming {@code FILE:LINE} for a line that is no host, or the file when it cannot be read or names none */
    public static List<SshHost> read(Path file, String defaultUser, int defaultPort) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("--nodes-file: cannot read " + file + " (" + e + ")");
        }
        List<SshHost> hosts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                hosts.add(SshHost.parse(line, defaultUser, defaultPort));
            } catch (UserInputException e) {
                throw new UserInputException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (hosts.isEmpty()) {
            throw new UserInputException("--nodes-file: " + file + " names no host");
        }
        return hosts;
    }
}
