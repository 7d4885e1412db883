package dev.faultline.history;

import java.util.Map;
import java.util.Objects;

/**
 * One history event: Jepsen's operation {@code {index, time, process, type, f, key?, value, node?,
 * error?, meta?, final?}} (DESIGN.md §3). Immutable.
 *
 * <p>Values ({@code key}, {@code value}, {@code error}, {@code meta}) hold only the canonical types
 * of {@link Values}: {@code null}, {@code Long}, {@code BigInteger}, {@code Double}, {@code String},
 * {@code Boolean}, unmodifiable {@code List} and unmodifiable {@code Map<String, Object>}. So two
 * ops read from different formats compare equal exactly when they carry the same data.
 *
 * @param index position in the history, strictly increasing
 * @param timeNanos nanoseconds since the start of the run on the controller's monotonic clock, or
 *     {@link #NO_TIME} when the source had no timestamps (file order then stands in for time)
 * @param process the logical single-threaded client, or {@link #NEMESIS}
 * @param type invoke, ok, fail or info
 * @param f the function: read, write, cas, add, append, txn, or a nemesis action
 * @param key the independent object the op touches, or null when the workload has one object
 * @param value the argument (on invoke) or the observed result (on completion); may be null
 * @param node the node that served the op, or null
 * @param error why the op failed or is indeterminate, or null
 * @param meta white-box data a server attached (version, timestamp, ...); empty when none
 * @param finalRead true for the reads of the final phase, taken after every fault was healed
 */
public record Op(
        int index,
        long timeNanos,
        int process,
        OpType type,
        String f,
        Object key,
        Object value,
        String node,
        Object error,
        Map<String, Object> meta,
        boolean finalRead) {

    /** The process id of the nemesis; written as {@code "nemesis"} in every format. */
    public static final int NEMESIS = -1;

    /** {@link #timeNanos} when the source recorded no time. */
    public static final long NO_TIME = -1;

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (process < NEMESIS) {
            throw new IllegalArgumentException("process must be >= 0 or NEMESIS, was " + process);
        }
        if (timeNanos < NO_TIME) {
            throw new IllegalArgumentException("time must be >= 0 or NO_TIME, was " + timeNanos);
        }
        meta = meta == null ? Map.of() : meta;
    }

    public static Op invoke(int process, String f, Object key, Object value) {
        return new Op(0, NO_TIME, process, OpType.INVOKE, f, key, value, null, null, Map.of(), false);
    }

    public static Op completion(OpType type, int process, String f, Object key, Object value) {
        return new Op(0, NO_TIME, process, type, f, key, value, null, null, Map.of(), false);
    }

    public boolean isNemesis() {
        return process == NEMESIS;
    }

    public boolean isClient() {
        return process != NEMESIS;
    }

    public boolean hasTime() {
        return timeNanos != NO_TIME;
    }

    public Op withIndex(int newIndex) {
        return new Op(newIndex, timeNanos, process, type, f, key, value, node, error, meta, finalRead);
    }

    public Op withTime(long newTimeNanos) {
        return new Op(index, newTimeNanos, process, type, f, key, value, node, error, meta, finalRead);
    }

    public Op withNode(String newNode) {
        return new Op(index, timeNanos, process, type, f, key, value, newNode, error, meta, finalRead);
    }

    public Op withError(Object newError) {
        return new Op(index, timeNanos, process, type, f, key, value, node, newError, meta, finalRead);
    }

    public Op withMeta(Map<String, Object> newMeta) {
        return new Op(index, timeNanos, process, type, f, key, value, node, error, newMeta, finalRead);
    }

    public Op withFinalRead(boolean newFinalRead) {
        return new Op(index, timeNanos, process, type, f, key, value, node, error, meta, newFinalRead);
    }

    public Op withKeyAndValue(Object newKey, Object newValue) {
        return new Op(index, timeNanos, process, type, f, newKey, newValue, node, error, meta, finalRead);
    }

    /** The process as written in every format: its number, or {@code nemesis}. */
    public String processName() {
        return isNemesis() ? "nemesis" : Integer.toString(process);
    }

    /**
     * A stable one-line rendering for messages, witnesses and golden tests, for instance
     * {@code 12 p3 ok cas x [1 2] @n2}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(index).append(' ');
        text.append(isNemesis() ? "nemesis" : "p" + process).append(' ');
        text.append(type.wireName()).append(' ').append(f);
        if (key != null) {
            text.append(' ').append(Values.describe(key));
        }
        text.append(' ').append(Values.describe(value));
        if (node != null) {
            text.append(" @").append(node);
        }
        if (error != null) {
            text.append(" error=").append(Values.describe(error));
        }
        if (finalRead) {
            text.append(" final");
        }
        return text.toString();
    }
}
