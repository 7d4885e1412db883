package dev.faultline.checker.graph;

/**
 * The history does not meet a checker's assumptions (an operation it cannot model, a value written
 * twice, a final read without a node, ...). The message says which, naming the file and line or
 * the op; a checker answers {@code unknown} with it, never a silent verdict. Unchecked, like
 * {@link BudgetExhausted}, so that it can leave a lambda (a model's {@code stateOf}, say); the
 * methods that throw it still declare it.
 */
public final class UnsupportedHistoryException extends RuntimeException {
    public UnsupportedHistoryException(String message) {
        super(message);
    }
}
