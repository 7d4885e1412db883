package dev.faultline.checker.linear;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a history into independent objects (P-compositionality, Horn and Kroening: a history is
 * linearizable iff every object's sub-history is) and turns each operation into the model's call.
 */
final class Partitioner {
    private Partitioner() {}

    /**
     * @param byKey one partition per key; otherwise one partition for the whole history
     * @throws HistoryFormatException naming the file and line of an operation the model rejects
     */
    static List<Partition> partitions(History history, Model<?> model, boolean byKey) {
        int[] ranks = EventRanks.of(history);
        Map<Object, List<Partition.PartitionOp>> byObject = new HashMap<>();
        List<Object> keysInOrder = new ArrayList<>();
        for (Operation operation : history.operations()) {
            Call call;
            try {
                call = model.interpret(operation);
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(history.source(), history.lineOf(operation.invocation()), e.getMessage(), e);
            }
            if (call == null) {
                continue;
            }
            int returnRank = operation.isInfo() ? EventRanks.NEVER : ranks[operation.completion()];
            Partition.PartitionOp op = new Partition.PartitionOp(operation.invocation(), ranks[operation.invocation()],
                    returnRank, call);
            Object key = byKey ? operation.key() : null;
            List<Partition.PartitionOp> ops = byObject.get(key);
            if (ops == null) {
                ops = new ArrayList<>();
                byObject.put(key, ops);
                keysInOrder.add(key);
            }
            ops.add(op);
        }
        // Operations come in invocation order, and invocation ranks follow it, so each list is sorted.
        List<Partition> partitions = new ArrayList<>(keysInOrder.size());
        for (Object key : keysInOrder) {
            partitions.add(new Partition(key, java.util.Collections.unmodifiableList(byObject.get(key))));
        }
        return partitions;
    }
}
