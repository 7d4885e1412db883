package dev.faultline.checker.graph;

import dev.faultline.checker.Anomaly;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads that no observed write explains: a thin-air read returned a value nobody wrote; an
 * aborted read returned the value of a write that failed, which is stronger evidence (the store
 * said it did not happen). Every model of this package forbids both.
 */
public final class UnexplainedReads {
    public static final String THIN_AIR_READ = "ThinAirRead";
    public static final String ABORTED_READ = "AbortedRead";

    private UnexplainedReads() {}

    /** Logs each read of the register history that returned a value no observed write wrote. */
    public static void log(RegisterHistory history, AnomalyLog log) {
        ObservedOps ops = history.ops();
        for (int node = 0; node < ops.size(); node++) {
            int read = node;
            if (history.readsFrom(read) == RegisterHistory.THIN_AIR) {
                log.add(THIN_AIR_READ, () -> anomaly(ops, read, Values.describe(ops.value(read)), null));
            } else if (history.readsFrom(read) == RegisterHistory.ABORTED) {
                log.add(ABORTED_READ, () -> anomaly(ops, read, Values.describe(ops.value(read)), history.abortedWrite(read)));
            }
        }
    }

    /** Logs each element a read returned that no observed update added. */
    public static void log(CollectionHistory history, AnomalyLog log) {
        ObservedOps ops = history.ops();
        for (int node = 0; node < ops.size(); node++) {
            int read = node;
            for (CollectionHistory.Unexplained element : history.unexplained(read)) {
                String described = Values.describe(element.element());
                if (element.failedUpdate() == null) {
                    log.add(THIN_AIR_READ, () -> anomaly(ops, read, described, null));
                } else {
                    log.add(ABORTED_READ, () -> anomaly(ops, read, described, element.failedUpdate()));
                }
            }
        }
    }

    private static Anomaly anomaly(ObservedOps ops, int read, String value, Operation failed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("read", (long) ops.opIndex(read));
        data.put("value", value);
        if (failed == null) {
            return new Anomaly(THIN_AIR_READ, ops.describe(read) + ", but no operation wrote " + value,
                    List.of(ops.opIndex(read)), data);
        }
        int failedIndex = failed.complete().index();
        data.put("failedWrite", (long) failedIndex);
        return new Anomaly(ABORTED_READ, ops.describe(read) + ", but only " + failed.describe()
                + " (op " + failedIndex + ") wrote " + value + ", and it failed", List.of(ops.opIndex(read), failedIndex), data);
    }
}
