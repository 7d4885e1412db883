package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.List;

/**
 * One partition ready for the search: primitive arrays indexed by op id (ids follow invocation
 * order), the model's op class per op, and the state space. The {@code info} calls that
 * {@link Pruning} allows to leave out are gone.
 */
final class CompiledPartition {
    final Partition partition;
    /** The partition's ops the search sees, by op id. */
    final Partition.PartitionOp[] ops;
    final int size;
    final int[] callRank;
    final int[] returnRank;
    final int[] opClass;
    final StateSpace space;
    /** Per op class: whether two or more ops make that call (only then does the symmetry rule look). */
    final boolean[] classHasTwin;
    final int droppedReadOnlyInfo;
    final int droppedUnobservedInfo;

    private CompiledPartition(Partition partition, List<Partition.PartitionOp> kept, StateSpace space,
            int droppedReadOnlyInfo, int droppedUnobservedInfo) {
        this.partition = partition;
        this.ops = kept.toArray(new Partition.PartitionOp[0]);
        this.size = ops.length;
        this.callRank = new int[size];
        this.returnRank = new int[size];
        this.opClass = new int[size];
        this.space = space;
        for (int id = 0; id < size; id++) {
            callRank[id] = ops[id].callRank();
            returnRank[id] = ops[id].returnRank();
            opClass[id] = space.classOf(ops[id].call());
        }
        int[] uses = new int[space.classCount()];
        this.classHasTwin = new boolean[uses.length];
        for (int id = 0; id < size; id++) {
            classHasTwin[opClass[id]] = ++uses[opClass[id]] > 1;
        }
        this.droppedReadOnlyInfo = droppedReadOnlyInfo;
        this.droppedUnobservedInfo = droppedUnobservedInfo;
    }

    static <S> CompiledPartition compile(Partition partition, Model<S> model, Pruning pruning, MemoryBudget budget) {
        List<Partition.PartitionOp> ops = partition.ops();
        List<Call> calls = new ArrayList<>(ops.size());
        for (Partition.PartitionOp op : ops) {
            calls.add(op.call());
        }
        boolean anyInfo = false;
        for (Call call : calls) {
            anyInfo |= call.isInfo();
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
        return new CompiledPartition(partition, kept, StateSpace.of(model, keptCalls(kept), budget), readOnlyInfo, unobservedInfo);
    }

    private static List<Call> keptCalls(List<Partition.PartitionOp> kept) {
        List<Call> calls = new ArrayList<>(kept.size());
        for (Partition.PartitionOp op : kept) {
            calls.add(op.call());
        }
        return calls;
    }

    boolean isOptional(int op) {
        return returnRank[op] == EventRanks.NEVER;
    }

    /** Ops that must be linearized (every op that completed). */
    int requiredCount() {
        int required = 0;
        for (int op = 0; op < size; op++) {
            if (!isOptional(op)) {
                required++;
            }
        }
        return required;
    }
}
