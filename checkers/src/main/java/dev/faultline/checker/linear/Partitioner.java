package dev.faultline.checker.linear;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Map<Object, List<Partition.PartitionOp>> byObject = new LinkedHashMap<>();
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
            byObject.computeIfAbsent(byKey ? operation.key() : null, key -> new ArrayList<>()).add(op);
        }
        List<Partition> partitions = new ArrayList<>(byObject.size());
        byObject.forEach((key, ops) -> {
            ops.sort((a, b) -> Integer.compare(a.callRank(), b.callRank()));
            partitions.add(new Partition(key, List.copyOf(ops)));
        });
        return partitions;
    }
}
