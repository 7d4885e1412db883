package dev.faultline.checker;

/**
 * A checker's answer: the history satisfies the property ({@link #TRUE}), violates it
 * ({@link #FALSE}), or the checker could not decide ({@link #UNKNOWN}: a budget ran out, or the
 * input does not meet the checker's assumptions).
 */
public enum Validity {
    TRUE,
    FALSE,
    UNKNOWN;

    /** Composition (DESIGN.md §4): any false wins, then unknown, then true. */
    public Validity and(Validity other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        if (this == UNKNOWN || other == UNKNOWN) {
            return UNKNOWN;
        }
        return TRUE;
    }

    /** The CLI exit code of DESIGN.md §4: 0 valid, 1 invalid, 2 unknown. */
    public int exitCode() {
        return switch (this) {
            case TRUE -> 0;
            case FALSE -> 1;
            case UNKNOWN -> 2;
        };
    }

    /** {@code true}, {@code false} or {@code unknown}, as written in results and on the console. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
