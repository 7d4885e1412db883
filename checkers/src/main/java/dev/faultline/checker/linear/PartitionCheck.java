package dev.faultline.checker.linear;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Validity;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks one partition: compiles it, decides it by zones when it qualifies, otherwise searches;
 * replays every linearization, builds the witness of a violation, and says how far an undecided
 * search got.
 */
final class PartitionCheck {
    /** The longest pre-check finding that is shrunk to a minimal witness; each op removed costs a tiny search. */
    private static final int MINIMIZED_OPS_MAX = 32;

    private final History history;
    private final Model<?> model;
    private final Pruning pruning;
    private final MemoryBudget budget;
    private final Duration timeLimit;
    private final WglSearch.StopSignal stop;
    private final AtomicBoolean failed;

    /**
     * @param failed set when a partition is found not linearizable, which stops the others
     */
    PartitionCheck(History history, Model<?> model, Pruning pruning, MemoryBudget budget, Duration timeLimit,
            WglSearch.StopSignal stop, AtomicBoolean failed) {
        this.history = history;
        this.model = model;
        this.pruning = pruning;
        this.budget = budget;
        this.timeLimit = timeLimit;
        this.stop = stop;
        this.failed = failed;
    }

    PartitionVerdict check(Partition partition) {
        try {
            return checkWithin(partition);
        } catch (OutOfMemoryError e) {
            // The budget estimates; the heap decides. The search's structures are unreachable now.
            return stopped(partition, SearchStopped.Reason.MEMORY, "(the JVM ran out of heap first; give it more with -Xmx)",
                    PartitionVerdict.NO_SEARCH, 0);
        }
    }

    private PartitionVerdict checkWithin(Partition partition) {
        CompiledPartition compiled;
        try {
            compiled = CompiledPartition.compile(partition, model, pruning, budget);
        } catch (SearchStopped stopped) {
            return stopped(partition, stopped.reason(), "before its search began", PartitionVerdict.NO_SEARCH, 0);
        }
        int leftOut = compiled.droppedReadOnlyInfo + compiled.droppedUnobservedInfo;
        try {
            if (pruning.uniqueValueZones()) {
                ZoneCheck.Result zones = ZoneCheck.check(compiled);
                if (zones != null) {
                    return zones.linearizable()
                            ? new PartitionVerdict(partition, Validity.TRUE, null, null, null, true, PartitionVerdict.NO_SEARCH, leftOut)
                            : explained(compiled, zones.conflict(), "unique-value zone check: " + zones.reason(), true, leftOut);
                }
            }
            if (pruning.impossibleCalls()) {
                int impossible = ImpossibleCalls.find(compiled);
                if (impossible >= 0) {
                    return explained(compiled, new int[] {impossible}, "no operation writes the value it needs", false, leftOut);
                }
            }
            if (pruning.staleReads()) {
                StaleReads.Finding stale = StaleReads.find(compiled);
                if (stale != null) {
                    return explained(compiled, minimized(compiled, stale.ops()), "stale-read check: " + stale.reason(), false,
                            leftOut);
                }
            }
            return verdict(compiled, new WglSearch(compiled, pruning, budget, stop).run(), leftOut);
        } catch (SearchStopped stopped) {
            return stopped(partition, stopped.reason(), "before its search began", PartitionVerdict.NO_SEARCH, leftOut);
        } finally {
            compiled.release();
        }
    }

    private PartitionVerdict verdict(CompiledPartition compiled, SearchOutcome outcome, int leftOut) {
        Partition partition = compiled.partition;
        if (outcome instanceof SearchOutcome.Linearizable linearizable) {
            Replay.checkLinearization(compiled, linearizable.order());
            return new PartitionVerdict(partition, Validity.TRUE, null, null, null, false, outcome.stats(), leftOut);
        }
        if (outcome instanceof SearchOutcome.NotLinearizable violation) {
            failed.set(true);
            Anomaly anomaly = WitnessBuilder.build(history, compiled, violation.prefix(), violation.blockingOp(), null);
            return new PartitionVerdict(partition, Validity.FALSE, anomaly, null, null, false, outcome.stats(), leftOut);
        }
        SearchOutcome.Stopped stopped = (SearchOutcome.Stopped) outcome;
        String progress = "after " + stopped.stats().configurations() + " configurations; "
                + progress(compiled, stopped.prefix(), stopped.blockingOp());
        return stopped(partition, stopped.reason(), progress, outcome.stats(), leftOut);
    }

    /**
     * A pre-check found these ops not linearizable on their own (a read of a value nobody wrote;
     * two conflicting zones; a stale read). The search explains them in detail; if it disagrees,
     * one of the two has a bug. The flag that stops the other partitions is set only once the
     * violation is explained, so that it cannot cancel its own explanation.
     */
    private PartitionVerdict explained(CompiledPartition compiled, int[] conflict, String finding, boolean byZones,
            int leftOut) {
        Pruning searchOnly = pruning.searchOnly();
        CompiledPartition small = subset(compiled, conflict, searchOnly);
        try {
            SearchOutcome outcome = new WglSearch(small, searchOnly, budget, stop).run();
            if (outcome instanceof SearchOutcome.NotLinearizable violation) {
                failed.set(true);
                Anomaly anomaly = WitnessBuilder.build(history, small, violation.prefix(), violation.blockingOp(), finding);
                return new PartitionVerdict(compiled.partition, Validity.FALSE, anomaly, null, null, byZones, outcome.stats(), leftOut);
            }
            if (outcome instanceof SearchOutcome.Stopped stopped) {
                return stopped(compiled.partition, stopped.reason(), "while explaining a violation", outcome.stats(), leftOut);
            }
            throw new IllegalStateException("a pre-check found " + conflict.length + " ops of "
                    + partitionName(compiled.partition) + " not linearizable (" + finding + "), but the search linearized them");
        } finally {
            small.release();
        }
    }

    /**
     * Drops ops from a pre-check's finding one at a time while the rest stays not linearizable for
     * the same reason, until none can go (a one-minimal sub-history, as delta debugging gives), so
     * that the witness shows only what the violation needs: three ops for a plain stale read. The
     * same reason: every value the rest reads or expects is still written in it, else dropping a
     * write would leave a read of a value nobody wrote, a violation that explains nothing. Later
     * ops go first, because an op needs the earlier ones that wrote its value. Each try searches
     * at most {@link #MINIMIZED_OPS_MAX} ops; a longer finding is kept whole.
     */
    private int[] minimized(CompiledPartition compiled, int[] conflict) {
        if (conflict.length > MINIMIZED_OPS_MAX) {
            return conflict;
        }
        int[] kept = conflict;
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (int at = kept.length - 1; at >= 0 && kept.length > 1; at--) {
                int[] without = new int[kept.length - 1];
                System.arraycopy(kept, 0, without, 0, at);
                System.arraycopy(kept, at + 1, without, at, kept.length - at - 1);
                if (stillViolated(compiled, without)) {
                    kept = without;
                    shrunk = true;
                }
            }
        }
        return kept;
    }

    private boolean stillViolated(CompiledPartition compiled, int[] opIds) {
        Pruning searchOnly = pruning.searchOnly();
        CompiledPartition small = subset(compiled, opIds, searchOnly);
        try {
            return ImpossibleCalls.find(small) < 0
                    && new WglSearch(small, searchOnly, budget, stop).run() instanceof SearchOutcome.NotLinearizable;
        } finally {
            small.release();
        }
    }

    /** Some ops of the partition (op ids in increasing order) as a partition of their own. */
    private CompiledPartition subset(CompiledPartition compiled, int[] opIds, Pruning searchOnly) {
        List<Partition.PartitionOp> ops = new ArrayList<>(opIds.length);
        for (int op : opIds) {
            ops.add(compiled.ops[op]);
        }
        return CompiledPartition.compile(new Partition(compiled.partition.key(), List.copyOf(ops)), model, searchOnly, budget);
    }

    private PartitionVerdict stopped(Partition partition, SearchStopped.Reason reason, String progress,
            SearchOutcome.Stats stats, int leftOut) {
        String why = switch (reason) {
            case TIME -> "time limit of " + seconds(timeLimit) + " s reached";
            case MEMORY -> "memory limit of " + (budget.limitBytes() >> 20) + " MiB reached";
            case CANCELLED -> "cancelled";
        };
        String cause = why + " while checking " + partitionName(partition) + " (" + partition.size() + " operations) " + progress;
        return new PartitionVerdict(partition, Validity.UNKNOWN, null, cause, reason, false, stats, leftOut);
    }

    private String progress(CompiledPartition compiled, int[] prefix, int blocking) {
        if (blocking < 0) {
            return "no dead end reached yet";
        }
        Op stuck = history.get(compiled.ops[blocking].position());
        return "the furthest linearizable prefix has " + prefix.length + " operations; every extension of it got stuck at p"
                + stuck.process() + "'s " + compiled.ops[blocking].call().describe() + " (op " + stuck.index() + ")";
    }

    static String partitionName(Partition partition) {
        return partition.key() == null ? "the history" : "key " + Values.describe(partition.key());
    }

    private static String seconds(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
