package dev.faultline.checker.linear;

/**
 * Unwinds a search that must stop before it decides: its budget ran out, or another partition
 * already found the history invalid. Thrown only inside the linearizability engine and caught by
 * {@link WglSearch}; it carries no stack trace because it is control flow, not a fault.
 */
final class SearchStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the search stopped. */
    enum Reason {
        TIME,
        MEMORY,
        CANCELLED
    }

    private final Reason reason;

    SearchStopped(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
