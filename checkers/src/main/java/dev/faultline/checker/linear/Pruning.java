package dev.faultline.checker.linear;

/**
 * The speed techniques of the linearizability check beyond the plain memoised search (Wing &
 * Gong with Lowe's cache), each behind a switch so that property tests can check it against the
 * plain search and a brute-force oracle. Why each is sound is written where it is applied and in
 * {@code docs/architecture.md}.
 *
 * @param dropReadOnlyInfo leave out {@code info} calls that change no state (an unfinished read):
 *     they may never take effect, and taking effect changes nothing
 * @param dropUnobservedInfo leave out the {@code info} calls the model proves no other call can
 *     observe ({@link Model#unobservedInfo})
 * @param greedyReadOnly linearize a legal read-only candidate at once, without trying the others
 *     first: moving it to the front of any linearization keeps it valid
 * @param symmetry among candidates with equal calls try only the one that returns first, and keep
 *     equal {@code info} calls in one chain: swapping equal calls changes nothing
 * @param uniqueValueZones decide registers of reads and blind writes with unique written values by
 *     Gibbons and Korach's zones in O(n log n) instead of searching
 * @param dominance skip a configuration when a finished one with the same state and completed ops
 *     had linearized no more {@code info} ops ({@link Dominance})
 * @param impossibleCalls before searching a register, look for a read or CAS of a value no
 *     operation wrote ({@link ImpossibleCalls})
 * @param staleReads before searching a register with CAS whose produced values are unique, look
 *     for stale reads and their generalisations through CAS chains ({@link StaleReads})
 */
public record Pruning(
        boolean dropReadOnlyInfo,
        boolean dropUnobservedInfo,
        boolean greedyReadOnly,
        boolean symmetry,
        boolean uniqueValueZones,
        boolean dominance,
        boolean impossibleCalls,
        boolean staleReads) {

    /** Every technique on: the default. */
    public static final Pruning ALL = new Pruning(true, true, true, true, true, true, true, true);

    /** The plain memoised search. */
    public static final Pruning NONE = new Pruning(false, false, false, false, false, false, false, false);

    /** The same search switches without the pre-checks, for explaining a violation a pre-check found. */
    Pruning searchOnly() {
        return new Pruning(dropReadOnlyInfo, dropUnobservedInfo, greedyReadOnly, symmetry, false, dominance, false, false);
    }
}
