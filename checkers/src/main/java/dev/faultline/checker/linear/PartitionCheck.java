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
     * two conflicting zones). The search explains them in detail; if it disagrees, one of the two
     * has a bug.
     */
    private PartitionVerdict explained(CompiledPartition compiled, int[] conflict, String finding, boolean byZones,
            int leftOut) {
        failed.set(true);
        List<Partition.PartitionOp> ops = new ArrayList<>();
        for (int op : conflict) {
            ops.add(compiled.ops[op]);
        }
        Partition subset = new Partition(compiled.partition.key(), List.copyOf(ops));
        Pruning searchOnly = pruning.searchOnly();
        CompiledPartition small = CompiledPartition.compile(subset, model, searchOnly, budget);
        try {
            SearchOutcome outcome = new WglSearch(small, searchOnly, budget, stop).run();
            if (outcome instanceof SearchOutcome.NotLinearizable violation) {
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
