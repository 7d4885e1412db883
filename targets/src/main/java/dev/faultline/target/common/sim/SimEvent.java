package dev.faultline.target.common.sim;

import dev.faultline.target.common.kv.KvRequest;

/** Something due at a simulated instant; ties are broken by the order events were scheduled. */
sealed interface SimEvent extends Comparable<SimEvent> {
    long timeNanos();

    long sequence();

    @Override
    default int compareTo(SimEvent other) {
        int byTime = Long.compare(timeNanos(), other.timeNanos());
        return byTime != 0 ? byTime : Long.compare(sequence(), other.sequence());
    }

    /** The node's clock ticks; ignored if the node restarted or its clock changed since. */
    record Tick(long timeNanos, long sequence, String node, long generation) implements SimEvent {}

    /** A message's bytes reach {@code to}. */
    record Delivery(long timeNanos, long sequence, String from, String to, byte[] bytes) implements SimEvent {}

    /** A client request reaches {@code node}. */
    record Arrival(long timeNanos, long sequence, String node, long requestId, KvRequest request) implements SimEvent {}
}
