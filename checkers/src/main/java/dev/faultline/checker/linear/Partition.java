package dev.faultline.checker.linear;

import java.util.List;

/**
 * The operations of one independent object, as calls with their place in real time, in order of
 * invocation.
 *
 * @param key the object's key; null when the history has one object or is checked unpartitioned
 * @param ops the operations the model kept
 */
record Partition(Object key, List<PartitionOp> ops) {

    /**
     * One operation of a partition.
     *
     * @param position the history position of its invocation
     * @param callRank the rank of its invocation (see {@link EventRanks})
     * @param returnRank the rank of its completion, or {@link EventRanks#NEVER} for {@code info}
     * @param call what the model linearizes
     */
    record PartitionOp(int position, int callRank, int returnRank, Call call) {
        boolean isOptional() {
            return returnRank == EventRanks.NEVER;
        }
    }

    int size() {
        return ops.size();
    }
}
