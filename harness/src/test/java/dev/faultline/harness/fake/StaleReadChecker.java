package dev.faultline.harness.fake;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, sound test oracle for single-register histories with unique written values (the
 * harness tests need a checker before the real ones are merged). A read of v is impossible when
 * some write u began after v's write was acknowledged and was itself acknowledged before the read
 * began: v's write precedes u's in every linearization, and u's precedes the read. Likewise a
 * read of nil after any acknowledged write. It finds only such real-time stale reads.
 */
public final class StaleReadChecker implements Checker {

    @Override
    public String name() {
        return "stale-read";
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        List<Operation> writes = new ArrayList<>();
        Map<Object, Operation> writerOf = new HashMap<>();
        for (Operation operation : history.operations()) {
            Object written = written(operation);
            if (written != null) {
                writerOf.put(written, operation);
                if (operation.isOk()) {
                    writes.add(operation);
                }
            }
        }
        writes.sort(Comparator.comparingLong(Operation::completeTimeNanos));
        long[] completed = new long[writes.size()];
        long[] latestInvokeSoFar = new long[writes.size()];
        for (int i = 0; i < writes.size(); i++) {
            completed[i] = writes.get(i).completeTimeNanos();
            latestInvokeSoFar[i] = Math.max(i == 0 ? Long.MIN_VALUE : latestInvokeSoFar[i - 1], writes.get(i).invokeTimeNanos());
        }
        List<Anomaly> anomalies = new ArrayList<>();
        int reads = 0;
        for (Operation read : history.operations()) {
            if (!read.f().equals("read") || !read.isOk()) {
                continue;
            }
            reads++;
            int before = countBelow(completed, read.invokeTimeNanos());
            if (before == 0) {
                continue;
            }
            Operation writer = writerOf.get(read.value());
            long supersededAfter = writer == null ? Long.MIN_VALUE
                    : writer.isOk() ? writer.completeTimeNanos() : Long.MAX_VALUE;
            if (latestInvokeSoFar[before - 1] > supersededAfter) {
                anomalies.add(Anomaly.of("stale-read", "p" + read.process() + " read " + read.value()
                        + " after a later write was acknowledged", List.of(read.invoke().index())));
            }
        }
        Map<String, Object> stats = Map.of("reads", (long) reads, "writes", (long) writes.size());
        return anomalies.isEmpty() ? Verdict.valid(name(), stats) : Verdict.invalid(name(), anomalies, stats);
    }

    private static Object written(Operation operation) {
        return switch (operation.f()) {
            case "write" -> operation.invoke().value();
            case "cas" -> ((List<?>) operation.invoke().value()).get(1);
            default -> null;
        };
    }

    /** How many values are below the bound. */
    private static int countBelow(long[] sorted, long bound) {
        int at = Arrays.binarySearch(sorted, bound);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && sorted[at - 1] == bound) {
            at--;
        }
        return at;
    }
}
