package dev.faultline.harness.compare;

import java.util.Arrays;
import java.util.Optional;

/**
 * A consistency model of the comparison's ladder, checked by the registry checker of the same
 * name. The first four form a chain, each implying the next for read/write histories with unique
 * values (notes {@code consistency-checkers.md} §1; Bouajjani et al., POPL 2017, for causal
 * consistency): linearizable ⇒ sequential ⇒ causal (cc) ⇒ the four session guarantees. The last
 * two are measures of eventual consistency rather than rungs: {@code staleness} is regularity (no
 * read older than a write acknowledged before it began) and {@code convergence} says whether the
 * replicas ended equal and what they lost.
 */
public enum Model {
    LINEARIZABLE("linearizable", "linearizable", true),
    SEQUENTIAL("sequential", "sequential", true),
    CAUSAL("causal", "causal", true),
    SESSION("session", "session guarantees", true),
    STALENESS("staleness", "no stale reads", false),
    CONVERGENCE("convergence", "converged", false);

    private final String checker;
    private final String title;
    private final boolean chained;

    Model(String checker, String title, boolean chained) {
        this.checker = checker;
        this.title = title;
        this.chained = chained;
    }

    /** The registry checker that decides it; also its name on the command line and in the matrix. */
    public String checker() {
        return checker;
    }

    /** How the "strongest model kept" line names it. */
    public String title() {
        return title;
    }

    /** True for the rungs of the chain linearizable ⇒ sequential ⇒ causal ⇒ session guarantees. */
    public boolean chained() {
        return chained;
    }

    /** The model of that checker name. */
    public static Optional<Model> byChecker(String name) {
        return Arrays.stream(values()).filter(model -> model.checker.equals(name)).findFirst();
    }
}
