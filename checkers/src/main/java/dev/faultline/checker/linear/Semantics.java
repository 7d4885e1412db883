package dev.faultline.checker.linear;

import java.util.Objects;

/**
 * How to read a history's outcomes: the object's initial value, what a read of nil means, and
 * what a failed CAS means. Histories from different tools need different readings (see the
 * corpus README): Porcupine's etcd tests start absent, read nil as absent and treat a failed CAS
 * as a failed compare; Knossos starts at 0, reads nil as "unknown" and drops failed operations.
 *
 * @param initial the initial value, as a canonical history value; {@link #MODEL_DEFAULT} for the
 *     model's own (absent register, empty string, empty set...)
 * @param nilRead what an {@code ok} read of nil means
 * @param failedCas what a {@code fail} CAS means
 */
public record Semantics(Object initial, NilRead nilRead, FailedCas failedCas) {
    /** Marks "use the model's default initial value". */
    public static final Object MODEL_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "model default";
        }
    };

    /** What an {@code ok} read of nil says. */
    public enum NilRead {
        /** The value was absent (nil is a value like any other). */
        ABSENT,
        /** The read tells nothing, as in Knossos: it is always legal. */
        UNKNOWN
    }

    /** What a {@code fail} CAS says. */
    public enum FailedCas {
        /** It did not happen, like every failed operation (Jepsen, Knossos). */
        NO_EFFECT,
        /** Its compare happened and failed: the value differed from the expected one (Porcupine's etcd tests). */
        COMPARE_FAILED
    }

    public Semantics {
        Objects.requireNonNull(nilRead, "nilRead");
        Objects.requireNonNull(failedCas, "failedCas");
    }

    /** The defaults: the model's initial value, nil read = absent, failed CAS = no effect. */
    public static Semantics defaults() {
        return new Semantics(MODEL_DEFAULT, NilRead.ABSENT, FailedCas.NO_EFFECT);
    }

    /** The initial value, or the given model default when none was chosen. */
    public Object initialOr(Object modelDefault) {
        return initial == MODEL_DEFAULT ? modelDefault : initial;
    }

    /** True when this read result constrains nothing under these semantics. */
    public boolean readTellsNothing(Object value) {
        return value == null && nilRead == NilRead.UNKNOWN;
    }
}
