package dev.faultline.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A validated history: the events in order, each client invocation paired with its completion.
 *
 * <p>Built only through {@link Builder}, which rejects impossible input with a {@code FILE:LINE}
 * message (see {@link PairingTracker}), requires strictly increasing indices and non-decreasing
 * times, and notes each invocation that never completed: such an operation is indeterminate,
 * exactly as if it had completed with {@code info} ({@link #warnings()} says which).
 */
public final class History {
    private final String source;
    private final List<Op> ops;
    private final int[] pair;
    private final int[] lines;
    private final List<String> warnings;
    private List<Operation> operations;

    private History(String source, List<Op> ops, int[] pair, int[] lines, List<String> warnings) {
        this.source = source;
        this.ops = ops;
        this.pair = pair;
        this.lines = lines;
        this.warnings = warnings;
    }

    /** Builds a history from ops in order, numbering them 0, 1, 2, ... when they are not yet. */
    public static History of(List<Op> ops) {
        return of("<history>", ops);
    }

    /** As {@link #of(List)}, naming the source in messages; an op's line is its position + 1. */
    public static History of(String source, List<Op> ops) {
        Builder builder = builder(source);
        boolean renumber = ops.stream().allMatch(op -> op.index() == 0);
        for (int position = 0; position < ops.size(); position++) {
            Op op = ops.get(position);
            builder.add(renumber ? op.withIndex(position) : op, position + 1);
        }
        return builder.build();
    }

    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** Where the history came from, as named in messages. */
    public String source() {
        return source;
    }

    public List<Op> ops() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    public Op get(int position) {
        return ops.get(position);
    }

    /**
     * For a client invocation, the position of its completion; for a completion, the position of
     * its invocation; -1 for an invocation that never completed and for nemesis events.
     */
    public int pairOf(int position) {
        return pair[position];
    }

    /** The 1-based line of the source the event at this position was read from. */
    public int lineOf(int position) {
        return lines[position];
    }

    /** {@code FILE:LINE} of the event at this position, for messages about it. */
    public String where(int position) {
        return source + ":" + lines[position];
    }

    /** Messages about input that was accepted but not as written, such as unclosed invocations. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every client operation, whole, in the order of invocation. */
    public List<Operation> operations() {
        if (operations == null) {
            List<Operation> list = new ArrayList<>(ops.size() / 2 + 1);
            for (int position = 0; position < ops.size(); position++) {
                Op op = ops.get(position);
                if (op.isClient() && op.type() == OpType.INVOKE) {
                    int completion = pair[position];
                    list.add(new Operation(position, completion, op, completion < 0 ? null : ops.get(completion)));
                }
            }
            operations = Collections.unmodifiableList(list);
        }
        return operations;
    }

    /** The nemesis events, in order. */
    public List<Op> nemesisOps() {
        return ops.stream().filter(Op::isNemesis).toList();
    }

    /** True when every event carries a time. */
    public boolean hasTimes() {
        return ops.stream().allMatch(Op::hasTime);
    }

    /** Accumulates events one at a time, validating each against those before it. */
    public static final class Builder {
        private final String source;
        private final PairingTracker tracker;
        private final List<Op> ops = new ArrayList<>();
        private int[] pair = new int[64];
        private int[] lines = new int[64];
        private int lastIndex = -1;
        private long lastTime = Op.NO_TIME;

        private Builder(String source) {
            this.source = source;
            this.tracker = new PairingTracker(source);
        }

        /**
         * Appends the next event.
         *
         * @param line the 1-based line it was read from, for messages
         * @throws HistoryFormatException when the event cannot follow the ones before it
         */
        public Builder add(Op op, int line) {
            if (op.index() <= lastIndex) {
                throw new HistoryFormatException(source, line,
                        "index " + op.index() + " does not follow index " + lastIndex);
            }
            if (op.hasTime() && op.timeNanos() < lastTime) {
                throw new HistoryFormatException(source, line,
                        "time " + op.timeNanos() + " goes back from " + lastTime);
            }
            int position = ops.size();
            int invocation = tracker.accept(op, position, line);
            if (position == pair.length) {
                pair = Arrays.copyOf(pair, pair.length * 2);
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            pair[position] = -1;
            lines[position] = line;
            if (invocation >= 0) {
                pair[invocation] = position;
                pair[position] = invocation;
            }
            ops.add(op);
            lastIndex = op.index();
            if (op.hasTime()) {
                lastTime = op.timeNanos();
            }
            return this;
        }

        public History build() {
            List<String> warnings = new ArrayList<>();
            for (PairingTracker.Pending pending : tracker.open()) {
                warnings.add(source + ":" + pending.line() + ": process " + pending.process() + "'s "
                        + pending.f() + " never completed; treated as info (may or may not have happened)");
            }
            return new History(source, Collections.unmodifiableList(new ArrayList<>(ops)),
                    Arrays.copyOf(pair, ops.size()), Arrays.copyOf(lines, ops.size()), Collections.unmodifiableList(warnings));
        }
    }
}
