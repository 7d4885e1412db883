package dev.faultline.checker.causal;

import java.util.Locale;

/**
 * The three causal models of Bouajjani, Enea, Guerraoui and Hamza, "On verifying causal
 * consistency" (POPL 2017). Each requires a causal order containing program order; they differ in
 * how much of the history one serialization must explain.
 */
public enum CausalModel {
    /** Weak causal consistency: each operation is legal in some serialization of its own causal past. */
    CC,
    /** Causal convergence (causal+): one arbitration order, extending the causal order, explains every operation. */
    CCV,
    /** Causal memory (Ahamad et al.): each session has one serialization that explains all of its reads. */
    CM;

    /** {@code cc}, {@code ccv} or {@code cm}, as on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CausalModel fromWireName(String name) {
        for (CausalModel model : values()) {
            if (model.wireName().equals(name)) {
                return model;
            }
        }
        throw new IllegalArgumentException("--consistency must be one of cc, ccv, cm, was " + name);
    }
}
