package dev.faultline.checker.linear;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;

/**
 * The real-time order of a history's events as distinct integer ranks. Ranks follow the file
 * order, except that when every event has a time, invocations sort before completions of the
 * same time: an operation's interval [invoke, complete] is closed, so two operations that touch
 * at one instant are concurrent (Porcupine's rule, argued in its {@code model.go}: a monotonic
 * clock may read the same value twice).
 */
final class EventRanks {
    /** The return rank of an operation that may take effect at any later time, or never. */
    static final int NEVER = Integer.MAX_VALUE;

    private EventRanks() {}

    /** One rank per history position. */
    static int[] of(History history) {
        int size = history.size();
        int[] ranks = new int[size];
        if (!history.hasTimes()) {
            for (int position = 0; position < size; position++) {
                ranks[position] = position;
            }
            return ranks;
        }
        int next = 0;
        int start = 0;
        while (start < size) {
            long time = history.get(start).timeNanos();
            int end = start;
            while (end < size && history.get(end).timeNanos() == time) {
                end++;
            }
            for (int position = start; position < end; position++) {
                if (isInvocation(history.get(position))) {
                    ranks[position] = next++;
                }
            }
            for (int position = start; position < end; position++) {
                if (!isInvocation(history.get(position))) {
                    ranks[position] = next++;
                }
            }
            start = end;
        }
        return ranks;
    }

    private static boolean isInvocation(Op op) {
        return op.isClient() && op.type() == OpType.INVOKE;
    }
}
