package dev.faultline.history;

import java.util.Locale;
import java.util.Optional;

/**
 * The four kinds of history event (DESIGN.md §3).
 *
 * <p>An {@link #INVOKE} is followed by exactly one completion from the same process: {@link #OK}
 * (it happened and its result was observed), {@link #FAIL} (it definitely did not happen) or
 * {@link #INFO} (indeterminate: it may have happened, may happen later, or never). A timeout is
 * {@code INFO}, never {@code FAIL}, unless the operation is known to have had no effect.
 */
public enum OpType {
    INVOKE,
    OK,
    FAIL,
    INFO;

    /** The name used in every format: {@code invoke}, {@code ok}, {@code fail}, {@code info}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }

    public static Optional<OpType> fromWireName(String name) {
        return switch (name) {
            case "invoke" -> Optional.of(INVOKE);
            case "ok" -> Optional.of(OK);
            case "fail" -> Optional.of(FAIL);
            case "info" -> Optional.of(INFO);
            default -> Optional.empty();
        };
    }
}
