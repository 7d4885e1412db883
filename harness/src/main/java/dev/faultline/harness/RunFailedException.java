package dev.faultline.harness;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A run could not complete for a reason outside the user's input: the target could not start,
 * the store could not be written. The CLI prints the one-line message, without a stack trace,
 * and exits with 255; whatever the run recorded stays in its store directory.
 */
public class RunFailedException extends RuntimeException {
    private final transient Path directory;

    public RunFailedException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param directory the run's directory in the store, where its history, faults and node logs stay */
    public RunFailedException(String message, Throwable cause, Path directory) {
        super(message, cause);
        this.directory = directory;
    }

    /** The run's directory, when the run got as far as creating it. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }
}
