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
        Path parent = root.resolve(testName);
        Files.createDirectories(parent);
        String stamp = STAMP.format(start);
        for (int attempt = 1; ; attempt++) {
            Path candidate = parent.resolve(attempt == 1 ? stamp : stamp + "-" + attempt);
            try {
                Files.createDirectory(candidate);
                RunDirectory run = new RunDirectory(candidate);
                Files.createDirectories(run.nodes());
                return run;
            } catch (FileAlreadyExistsException taken) {
                // Another run this second: try the next suffix.
            }
        }
    }

    /** Points {@code <root>/latest} at the run, replacing the old link in one step. */
    public void markLatest(RunDirectory run) throws IOException {
        Path latest = root.resolve("latest");
        Path target = root.toAbsolutePath().relativize(run.path().toAbsolutePath());
        Path temporary = root.resolve(".latest-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createSymbolicLink(temporary, target);
        try {
            Files.move(temporary, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
