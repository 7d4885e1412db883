package dev.faultline.harness.cli;

import dev.faultline.checker.Validity;

/** The exit codes of DESIGN.md §4, in one place. */
public final class ExitCodes {
    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNKNOWN = 2;
    public static final int BAD_INPUT = 254;
    public static final int INTERNAL_ERROR = 255;

    private ExitCodes() {}

    public static int of(Validity validity) {
        return validity.exitCode();
    }
}
