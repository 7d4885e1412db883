package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.List;

/**
 * One partition ready for checking: primitive arrays indexed by op id (ids follow invocation
 * order), with the {@code info} calls that {@link Pruning} allows to leave out gone. The op
 * classes and the state space the search needs are built on first use, so that a partition the
 * pre-checks decide never interns its calls.
 */
final class CompiledPartition {
    final Partition partition;
    /** The partition's ops the search sees, by op id. */
    final Partition.PartitionOp[] ops;
    final int size;
    final int[] callRank;
    final int[] returnRank;
    final int droppedReadOnlyInfo;
    final int droppedUnobservedInfo;
    private final Model<?> model;
    private final MemoryBudget budget;
    private StateSpace space;
    private int[] opClass;
    private boolean[] classHasTwin;

    private CompiledPartition(Partition partition, List<Partition.PartitionOp> kept, Model<?> model, MemoryBudget budget,
            int droppedReadOnlyInfo, int droppedUnobservedInfo) {
        this.partition = partition;
        this.ops = kept.toArray(new Partition.PartitionOp[0]);
        this.size = ops.length;
        this.callRank = new int[size];
        this.returnRank = new int[size];
        for (int id = 0; id < size; id++) {
            callRank[id] = ops[id].callRank();
            returnRank[id] = ops[id].returnRank();
        }
        this.model = model;
        this.budget = budget;
        this.droppedReadOnlyInfo = droppedReadOnlyInfo;
        this.droppedUnobservedInfo = droppedUnobservedInfo;
    }

    static <S> CompiledPartition compile(Partition partition, Model<S> model, Pruning pruning, MemoryBudget budget) {
        List<Partition.PartitionOp> ops = partition.ops();
        List<Call> calls = new ArrayList<>(ops.size());
        boolean anyInfo = false;
        for (Partition.PartitionOp op : ops) {
            calls.add(op.call());
            anyInfo |= op.call().isInfo();
        }
        boolean[] unobserved = pruning.dropUnobservedInfo() && anyInfo ? model.unobservedInfo(calls) : new boolean[ops.size()];
        List<Partition.PartitionOp> kept = new ArrayList<>(ops.size());
        int readOnlyInfo = 0;
        int unobservedInfo = 0;
        for (int i = 0; i < ops.size(); i++) {
            Call call = calls.get(i);
            if (pruning.dropReadOnlyInfo() && call.isInfo() && model.isReadOnly(call)) {
                readOnlyInfo++;
            } else if (unobserved[i]) {
                unobservedInfo++;
            } else {
                kept.add(ops.get(i));
            }
        }
        return new CompiledPartition(partition, kept, model, budget, readOnlyInfo, unobservedInfo);
    }

    Model<?> model() {
        return model;
    }

    /** The state space, with every op's call interned as an op class. */
    StateSpace space() {
        if (space == null) {
            List<Call> calls = new ArrayList<>(size);
            for (Partition.PartitionOp op : ops) {
                calls.add(op.call());
            }
            StateSpace built = StateSpace.of(model, calls, budget);
            opClass = new int[size];
            for (int id = 0; id < size; id++) {
                opClass[id] = built.classOf(ops[id].call());
            }
            int[] uses = new int[built.classCount()];
            classHasTwin = new boolean[uses.length];
            for (int id = 0; id < size; id++) {
                classHasTwin[opClass[id]] = ++uses[opClass[id]] > 1;
            }
            space = built;
        }
        return space;
    }

    /** Each op's class in {@link #space()}. */
    int[] opClass() {
        space();
        return opClass;
    }

    /** Per op class: whether two or more ops make that call (only then does the symmetry rule look). */
    boolean[] classHasTwin() {
        space();
        return classHasTwin;
    }

    /** Gives the state space's memory back, if it was built. */
    void release() {
        if (space != null) {
            space.release();
        }
    }

    boolean isOptional(int op) {
        return returnRank[op] == EventRanks.NEVER;
    }
}
