package dev.faultline.harness;

/**
 * A problem with what the user gave us (an option, a file, a node address, a port in use), not a
 * bug. The CLI prints its one-line message without a stack trace and exits with 254.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
