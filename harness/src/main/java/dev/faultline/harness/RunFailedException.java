package dev.faultline.harness;

/**
 * A run could not complete for a reason outside the user's input: the target could not start,
 * the store could not be written. The CLI prints the one-line message, without a stack trace,
 * and exits with 255; whatever the run recorded stays in its store directory.
 */
public class RunFailedException extends RuntimeException {
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
