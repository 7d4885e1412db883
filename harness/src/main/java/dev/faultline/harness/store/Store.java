package dev.faultline.harness.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The store: {@code <root>/<test-name>/<yyyyMMdd-HHmmss>/} per run, and {@code <root>/latest}
 * pointing at the newest run (DESIGN.md §9). Two runs started within the same second get
 * {@code -2}, {@code -3}, ... after the timestamp.
 */
public final class Store {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;

    public Store(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates a new, empty run directory with its {@code nodes/} directory. */
    public RunDirectory create(String testName, LocalDateTime start) throws IOException {
        RunDirectory run = new RunDirectory(createStamped(testName, start));
        Files.createDirectories(run.nodes());
        return run;
    }

    /**
     * Creates {@code <root>/<group>/<yyyyMMdd-HHmmss>[-N]/}, empty: a run's directory, or a
     * comparison's ({@code faultline compare} uses the group {@code compare}).
     */
    public Path createStamped(String group, LocalDateTime start) throws IOException {
        Path parent = root.resolve(group);
        Files.createDirectories(parent);
        String stamp = STAMP.format(start);
        for (int attempt = 1; ; attempt++) {
            Path candidate = parent.resolve(attempt == 1 ? stamp : stamp + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // Another run this second: try the next suffix.
            }
        }
    }

    /** Points {@code <root>/latest} at the run, replacing the old link in one step. */
    public void markLatest(RunDirectory run) throws IOException {
        markLatest(run.path());
    }

    /** Points {@code <root>/latest} at a directory under the root, replacing the old link in one step. */
    public void markLatest(Path directory) throws IOException {
        Path latest = root.resolve("latest");
        Path target = root.toAbsolutePath().relativize(directory.toAbsolutePath());
        Path temporary = root.resolve(".latest-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createSymbolicLink(temporary, target);
        try {
            Files.move(temporary, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
