package dev.faultline.checker.sequential;

import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.graph.InitialValue;

/**
 * How to read a register history, as the reference corpus needs (see its README): Porcupine's
 * etcd histories start absent and treat a failed cas as a compare that failed; Knossos's start
 * at 0, and a nil read tells nothing.
 *
 * @param initialValue the value every key holds before the first write (nil: absent)
 * @param nilReadTellsNothing a read of nil constrains nothing (Knossos), instead of reading the
 *     absent value
 * @param failedCasComparedFalse a failed cas happened and found another value (Porcupine's etcd
 *     tests), instead of not happening (Jepsen, Knossos)
 */
public record RegisterSemantics(Object initialValue, boolean nilReadTellsNothing, boolean failedCasComparedFalse) {

    /** Absent initial value, nil reads it, a failed operation did not happen. */
    public static RegisterSemantics defaults() {
        return new RegisterSemantics(null, false, false);
    }

    /** From the options {@code initial}, {@code nil-read} (absent|unknown) and {@code failed-cas} (no-effect|compare-failed). */
    public static RegisterSemantics fromOptions(CheckerOptions options) {
        return new RegisterSemantics(InitialValue.of(options, null),
                options.choice("nil-read", "absent", "absent", "unknown").equals("unknown"),
                options.choice("failed-cas", "no-effect", "no-effect", "compare-failed").equals("compare-failed"));
    }
}
