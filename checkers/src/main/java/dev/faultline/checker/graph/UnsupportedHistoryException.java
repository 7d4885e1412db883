package dev.faultline.checker.graph;

/**
 * The history does not meet a checker's assumptions (an operation it cannot model, a value written
 * twice, ...). The message says which, naming the file and line; a checker answers
 * {@code unknown} with it, never a silent verdict.
 */
public final class UnsupportedHistoryException extends Exception {
    public UnsupportedHistoryException(String message) {
        super(message);
    }
}
