package dev.faultline.checker.linear;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Validity;

/**
 * The verdict on one partition.
 *
 * @param partition the partition
 * @param validity linearizable, not, or undecided
 * @param anomaly the witness when not linearizable, else null
 * @param cause why it is undecided, else null
 * @param stopReason which budget stopped it when undecided, else null
 * @param decidedByZones whether the unique-value zone check decided it
 * @param stats the search's work (zero for zone decisions)
 * @param leftOut how many {@code info} ops pruning left out
 */
record PartitionVerdict(
        Partition partition,
        Validity validity,
        Anomaly anomaly,
        String cause,
        SearchStopped.Reason stopReason,
        boolean decidedByZones,
        SearchOutcome.Stats stats,
        int leftOut) {

    static final SearchOutcome.Stats NO_SEARCH = new SearchOutcome.Stats(0, 0, 0, 0, 0, 0);
}
