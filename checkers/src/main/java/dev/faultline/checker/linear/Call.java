package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import java.util.Objects;

/**
 * One operation as a model sees it: what was asked, what came back and how it ended. Two
 * operations with equal calls are interchangeable for the search (they have the same effect in
 * every state), which is what lets it intern calls into op classes. Immutable; the hash is
 * computed once, because the search interns every call of a history.
 */
public final class Call {
    private final Object key;
    private final String f;
    private final Object input;
    private final Object output;
    private final OpType outcome;
    private final int hash;

    /**
     * @param key the independent object the operation touched, or null
     * @param f the function, e.g. {@code read}, {@code cas}, {@code append}
     * @param input the argument (a write's value, a CAS's {@code [expected new]}); null for reads
     * @param output the observed result of an {@code ok} operation (a read's value); null when the
     *     result is unknown ({@code info}) or there is none
     * @param outcome {@link OpType#OK}, {@link OpType#FAIL} (only when the model gives failures a
     *     meaning, such as a CAS whose compare failed) or {@link OpType#INFO} (may have taken effect
     *     at any time after its invocation, or never)
     */
    public Call(Object key, String f, Object input, Object output, OpType outcome) {
        this.key = key;
        this.f = Objects.requireNonNull(f, "f");
        this.input = input;
        this.output = output;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        if (outcome == OpType.INVOKE) {
            throw new IllegalArgumentException("a call has an outcome, not an invocation");
        }
        int h = Objects.hashCode(key);
        h = 31 * h + f.hashCode();
        h = 31 * h + Objects.hashCode(input);
        h = 31 * h + Objects.hashCode(output);
        this.hash = 31 * h + outcome.hashCode();
    }

    public Object key() {
        return key;
    }

    public String f() {
        return f;
    }

    public Object input() {
        return input;
    }

    public Object output() {
        return output;
    }

    public OpType outcome() {
        return outcome;
    }

    public boolean isInfo() {
        return outcome == OpType.INFO;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Call that && hash == that.hash && outcome == that.outcome && f.equals(that.f)
                && Objects.equals(key, that.key) && Objects.equals(input, that.input) && Objects.equals(output, that.output);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** A short rendering for witnesses: {@code write 3}, {@code read → 3}, {@code cas [1 2] (info)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(f);
        if (input != null) {
            text.append(' ').append(Values.describe(input));
        }
        if (outcome == OpType.OK && output != null) {
            text.append(" → ").append(Values.describe(output));
        } else if (outcome == OpType.OK && f.equals("read")) {
            text.append(" → nil");
        }
        if (outcome == OpType.INFO) {
            text.append(" (info)");
        } else if (outcome == OpType.FAIL) {
            text.append(" (failed)");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
