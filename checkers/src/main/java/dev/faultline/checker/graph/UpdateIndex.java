package dev.faultline.checker.graph;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.HashMap;
import java.util.Map;

/**
 * The updates of a differentiated history by key and value: the write of each register value, or
 * the add or append of each set or list element, each at most once per key, so that a read names
 * the update it saw (Bouajjani et al.: for data-independent stores, checking differentiated
 * histories loses nothing). Every update is indexed whatever its outcome: a read of a failed
 * update's value is an aborted read, not a thin-air one. One index serves the register and
 * collection histories of this package and the eventual-consistency checkers.
 */
public final class UpdateIndex {
    private final History history;
    private final Map<KeyValue, Operation> updates = new HashMap<>();

    /** An empty index; {@code history} names the lines in messages. */
    public UpdateIndex(History history) {
        this.history = history;
    }

    /**
     * Indexes an update under its key and the value its invocation writes or adds.
     *
     * @throws UnsupportedHistoryException when another update of the key has that value
     */
    public void add(Operation update) throws UnsupportedHistoryException {
        KeyValue written = new KeyValue(update.key(), update.invoke().value());
        Operation previous = updates.putIfAbsent(written, update);
        if (previous != null) {
            throw twice(history, previous, update);
        }
    }

    /** The update of {@code value} to {@code key}, whatever its outcome, or null. */
    public Operation updateOf(Object key, Object value) {
        return updates.get(new KeyValue(key, value));
    }

    /**
     * The error for two updates of one value to one key, naming both lines: "the history is not
     * differentiated: h.jsonl:1 and line 3 both write x=1; these checks need unique written values".
     */
    public static UnsupportedHistoryException twice(History history, Operation first, Operation second) {
        Object key = second.key();
        String value = Values.describe(second.invoke().value());
        boolean write = second.f().equals("write");
        String what = key == null ? value : write ? Values.describe(key) + "=" + value : value + " to " + Values.describe(key);
        return new UnsupportedHistoryException("the history is not differentiated: " + history.where(first.invocation())
                + " and line " + history.lineOf(second.invocation()) + " both " + second.f() + " " + what
                + "; these checks need unique " + (write ? "written values" : "elements"));
    }

    private record KeyValue(Object key, Object value) {}
}
