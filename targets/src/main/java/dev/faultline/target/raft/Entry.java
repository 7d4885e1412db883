package dev.faultline.target.raft;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One log entry (Raft §5.3): the term of the leader that created it, its position, and its data.
 *
 * @param term the term in which a leader appended it; at least 1
 * @param index its position in the log, from 1
 */
public record Entry(long term, long index, EntryData data) {
    /** A rough per-entry overhead (term, index, tags) for batch sizing. */
    private static final long OVERHEAD_BYTES = 24;

    public Entry {
        Objects.requireNonNull(data, "data");
        if (term < 1 || index < 1) {
            throw new IllegalArgumentException("entry needs term >= 1 and index >= 1, was term " + term + " index " + index);
        }
    }

    /**
     * About how many bytes the entry takes on the wire, cheaply: batches are cut by it so an append
     * stays far below the 16 MiB frame limit, not to an exact byte count.
     */
    long approximateBytes() {
        if (data instanceof EntryData.Command command) {
            return OVERHEAD_BYTES + approximateBytes(command.request().key()) + approximateBytes(command.request().value());
        }
        if (data instanceof EntryData.Membership membership) {
            return OVERHEAD_BYTES + 16L * membership.voters().size();
        }
        return OVERHEAD_BYTES;
    }

    private static long approximateBytes(Object value) {
        if (value instanceof String text) {
            return 5 + text.length();
        }
        if (value instanceof List<?> items) {
            long bytes = 5;
            for (Object item : items) {
                bytes += approximateBytes(item);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> entries) {
            long bytes = 5;
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                bytes += approximateBytes(entry.getKey()) + approximateBytes(entry.getValue());
            }
            return bytes;
        }
        return 9;
    }
}
