package dev.faultline.harness.report;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small random histories for the report's unit tests. */
final class TestHistories {
    private TestHistories() {}

    /**
     * {@code operations} writes and reads on key {@code x} by {@code processes} processes, each
     * process one operation at a time with random gaps and latencies (in microseconds), every
     * tenth operation left as info. Times are in nanoseconds, events in time order.
     */
    static History random(Random random, int processes, int operations) {
        List<Op> events = new ArrayList<>();
        long[] next = new long[processes];
        for (int op = 0; op < operations; op++) {
            int process = random.nextInt(processes);
            long invoke = next[process] + 1_000L * (1 + random.nextInt(50));
            long complete = invoke + 1_000L * (1 + random.nextInt(80));
            next[process] = complete;
            String f = random.nextBoolean() ? "write" : "read";
            OpType outcome = op % 10 == 9 ? OpType.INFO : OpType.OK;
            events.add(new Op(0, invoke, process, OpType.INVOKE, f, "x", (long) op, null, null, Map.of(), false));
            events.add(new Op(0, complete, process, outcome, f, "x", (long) op, null, null, Map.of(), false));
        }
        events.sort(Comparator.comparingLong(Op::timeNanos));
        List<Op> indexed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            indexed.add(events.get(i).withIndex(i));
        }
        return History.of(indexed);
    }
}
