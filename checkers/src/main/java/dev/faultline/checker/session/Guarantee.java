package dev.faultline.checker.session;

import dev.faultline.checker.graph.Relation;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The session guarantees of Terry et al. (PDIS 1994), in the visibility/arbitration form of
 * Viotti and Vukolić: read your writes, monotonic reads, monotonic writes, writes follow reads.
 * PRAM is the first three together.
 */
public enum Guarantee {
    RYW(Relation.READ_YOUR_WRITES),
    MR(Relation.MONOTONIC_READS),
    MW(Relation.MONOTONIC_WRITES),
    WFR(Relation.WRITES_FOLLOW_READS);

    private final Relation relation;

    Guarantee(Relation relation) {
        this.relation = relation;
    }

    /** The relation that labels this guarantee's edges. */
    public Relation relation() {
        return relation;
    }

    /** {@code ryw}, {@code mr}, {@code mw} or {@code wfr}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The guarantee an edge of this relation stands for. */
    static Guarantee of(Relation relation) {
        for (Guarantee guarantee : values()) {
            if (guarantee.relation == relation) {
                return guarantee;
            }
        }
        throw new IllegalArgumentException(relation + " is not a session guarantee");
    }

    /**
     * The guarantees named in a list of {@code ryw}, {@code mr}, {@code mw}, {@code wfr} and
     * {@code pram} (= ryw, mr, mw).
     *
     * @throws IllegalArgumentException naming an unknown name, or for an empty list
     */
    public static Set<Guarantee> parse(List<String> names) {
        Set<Guarantee> guarantees = EnumSet.noneOf(Guarantee.class);
        for (String name : names) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "pram" -> guarantees.addAll(List.of(RYW, MR, MW));
                case "ryw" -> guarantees.add(RYW);
                case "mr" -> guarantees.add(MR);
                case "mw" -> guarantees.add(MW);
                case "wfr" -> guarantees.add(WFR);
                default -> throw new IllegalArgumentException(
                        "--guarantees takes ryw, mr, mw, wfr or pram, comma-separated; got " + name);
            }
        }
        if (guarantees.isEmpty()) {
            throw new IllegalArgumentException("--guarantees names no guarantee");
        }
        return guarantees;
    }
}
