package dev.faultline.checker.graph;

import java.util.Objects;

/**
 * One edge of a witness: {@code from} precedes {@code to} by {@code relation}. Nodes are the
 * numbers a checker's graph uses (for {@link ObservedOps}, its node numbers).
 *
 * @param from the earlier node
 * @param to the later node
 * @param relation why {@code from} precedes {@code to}
 * @param cause the node that forced a derived edge (the read behind a conflict or happens-before
 *     edge, the op whose session order made a block edge), or -1 when the relation needs none
 */
public record Step(int from, int to, Relation relation, int cause) {
    public Step {
        Objects.requireNonNull(relation, "relation");
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("step nodes must be >= 0, was " + from + " -> " + to);
        }
    }
}
