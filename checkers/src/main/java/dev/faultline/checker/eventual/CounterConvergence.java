package dev.faultline.checker.eventual;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counter model of {@code convergence} (Maelstrom's g-counter and pn-counter, notes §5.3):
 * operations {@code add} (value: an integer delta, negative allowed) and {@code read} (value: the
 * count). Each node's final value must be the initial value plus every acknowledged delta plus
 * the deltas of some subset of the indeterminate adds ({@code out-of-range} otherwise); failed
 * adds count for nothing.
 */
final class CounterConvergence implements ConvergenceModel {
    /** How many intervals of the acceptable set an anomaly lists. */
    private static final int INTERVALS_LISTED_MAX = 20;

    private final long initial;
    private long okAdds;
    private long indeterminateAdds;
    private long failedAdds;
    private String undecided;

    CounterConvergence(long initial) {
        this.initial = initial;
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Object stateOf(Operation read) {
        Object value = read.value();
        if (!(value instanceof Long)) {
            throw new UnsupportedHistoryException("the read at op " + read.complete().index() + " returned "
                    + Values.describe(value) + ", not an integer count");
        }
        return value;
    }

    @Override
    public void checkKey(History history, Object key, List<Operation> operations, FinalReads finalReads,
            AnomalyLog findings) {
        long definiteSum = initial;
        List<Long> indeterminate = new ArrayList<>();
        for (Operation operation : operations) {
            switch (operation.f()) {
                case "read" -> { }
                case "add" -> {
                    long delta = deltaOf(operation);
                    switch (operation.outcome()) {
                        case OK -> {
                            okAdds++;
                            definiteSum = sum(definiteSum, delta);
                        }
                        case INFO -> {
                            indeterminateAdds++;
                            indeterminate.add(delta);
                        }
                        default -> failedAdds++;
                    }
                }
                default -> throw new UnsupportedHistoryException("the counter model knows add and read, not "
                        + operation.f() + " (op " + operation.invoke().index() + ")");
            }
        }
        SubsetSums acceptable = SubsetSums.of(definiteSum, indeterminate);
        for (FinalReads.Reading reading : finalReads.latestByNode().values()) {
            long value = (Long) reading.state();
            SubsetSums.Membership membership = acceptable.membership(value);
            if (membership == SubsetSums.Membership.MEMBER) {
                continue;
            }
            if (membership == SubsetSums.Membership.UNDECIDED) {
                undecided = KeyedOperations.prefix(key) + "whether " + reading.node() + "'s final value " + value
                        + " is a possible sum: " + indeterminate.size() + " indeterminate adds give more than "
                        + SubsetSums.INTERVALS_MAX + " disjoint ranges";
                continue;
            }
            long sum = definiteSum;
            findings.add("out-of-range", () -> new Anomaly("out-of-range",
                    KeyedOperations.prefix(key) + reading.node() + "'s final read (op " + reading.read().complete().index()
                            + ") returned " + value + ", but the acknowledged adds sum to " + sum + " and the "
                            + indeterminate.size() + " indeterminate adds allow only " + describeIntervals(acceptable),
                    List.of(reading.read().complete().index()),
                    Data.of("key", key, "node", reading.node(), "value", value, "definiteSum", sum,
                            "indeterminateAdds", (long) indeterminate.size(),
                            "acceptable", acceptable.intervals(INTERVALS_LISTED_MAX),
                            "acceptableExact", acceptable.isExact())));
        }
    }

    private static long deltaOf(Operation add) {
        Object delta = add.invoke().value();
        if (!(delta instanceof Long)) {
            throw new UnsupportedHistoryException("the add at op " + add.invoke().index() + " adds "
                    + Values.describe(delta) + ", not an integer");
        }
        return (Long) delta;
    }

    private static long sum(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new UnsupportedHistoryException("the counter's sum leaves the range of a long");
        }
    }

    private static String describeIntervals(SubsetSums sums) {
        List<String> ranges = new ArrayList<>();
        for (Object interval : sums.intervals(INTERVALS_LISTED_MAX)) {
            List<?> bounds = (List<?>) interval;
            ranges.add(bounds.get(0).equals(bounds.get(1)) ? bounds.get(0).toString() : bounds.get(0) + ".." + bounds.get(1));
        }
        return String.join(", ", ranges) + (sums.size() > INTERVALS_LISTED_MAX ? ", ..." : "");
    }

    @Override
    public void addStats(Map<String, Object> stats) {
        stats.put("okAdds", okAdds);
        stats.put("indeterminateAdds", indeterminateAdds);
        stats.put("failedAdds", failedAdds);
    }

    @Override
    public Optional<String> undecided() {
        return Optional.ofNullable(undecided);
    }
}
