package dev.faultline.checker.eventual;

/**
 * The history does not meet a checker's assumptions (an element added twice, a final read without
 * a node, an operation the model does not know). The checker answers unknown with this message:
 * such a history cannot be judged, but it is not a bug in the checker either.
 */
final class HistoryAssumptionException extends RuntimeException {
    HistoryAssumptionException(String message) {
        super(message);
    }
}
