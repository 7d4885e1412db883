package dev.faultline.checker.graph;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations a checker of observed relations reasons about, numbered {@code 0..size-1} in
 * invocation order (the "nodes"), with their kind, key and value, their sessions, and how to name
 * them in witnesses.
 *
 * <p>Which operations are observed is the builder's choice (see {@link RegisterHistory} and
 * {@link CollectionHistory}); the usual rule is: every {@code ok} operation, and every
 * indeterminate update whose value some read returned (it happened, and it was the last operation
 * of its session). An operation is named in results by the index of its completion event, the one
 * that carries the observed value, or of its invocation when it never completed.
 */
public final class ObservedOps {
    private final History history;
    private final List<Operation> operations;
    private final OpKind[] kinds;
    private final int[] keyIds;
    private final List<Object> keys;
    private final Sessions sessions;

    private ObservedOps(History history, List<Operation> operations, OpKind[] kinds, int[] keyIds, List<Object> keys) {
        this.history = history;
        this.operations = operations;
        this.kinds = kinds;
        this.keyIds = keyIds;
        this.keys = keys;
        this.sessions = Sessions.of(history, operations);
    }

    /**
     * @param history the whole history (session boundaries come from all of it)
     * @param selected the observed operations, in invocation order
     * @param kinds each selected operation's kind
     */
    public static ObservedOps of(History history, List<Operation> selected, List<OpKind> kinds) {
        if (selected.size() != kinds.size()) {
            throw new IllegalArgumentException(selected.size() + " operations but " + kinds.size() + " kinds");
        }
        Map<Object, Integer> keyIdByKey = new HashMap<>();
        List<Object> keys = new ArrayList<>();
        int[] keyIds = new int[selected.size()];
        for (int node = 0; node < selected.size(); node++) {
            Object key = selected.get(node).key();
            Integer id = keyIdByKey.get(key);
            if (id == null) {
                id = keys.size();
                keyIdByKey.put(key, id);
                keys.add(key);
            }
            keyIds[node] = id;
        }
        return new ObservedOps(history, List.copyOf(selected), kinds.toArray(OpKind[]::new), keyIds, keys);
    }

    /** The number of nodes. */
    public int size() {
        return operations.size();
    }

    public Operation operation(int node) {
        return operations.get(node);
    }

    public OpKind kind(int node) {
        return kinds[node];
    }

    /** A dense number for the node's key, {@code 0..keyCount-1}. */
    public int keyId(int node) {
        return keyIds[node];
    }

    public int keyCount() {
        return keys.size();
    }

    /** The key with this number; null for a history of one unnamed object. */
    public Object key(int keyId) {
        return keys.get(keyId);
    }

    /** The value an update wrote or added, or the value a read returned. */
    public Object value(int node) {
        Operation operation = operations.get(node);
        return kinds[node].isUpdate() ? operation.invoke().value() : operation.value();
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The index by which results name the node's operation (see the class comment). */
    public int opIndex(int node) {
        Operation operation = operations.get(node);
        return operation.complete() != null ? operation.complete().index() : operation.invoke().index();
    }

    /** The source line of the node's invocation, for messages. */
    public int lineOf(int node) {
        return history.lineOf(operations.get(node).invocation());
    }

    /** The node's session label, e.g. {@code P1}. */
    public String actor(int node) {
        return sessions.label(sessions.sessionOf(node));
    }

    /**
     * What the node did to what, without the verb: {@code x=1}, {@code 3 to s}, {@code x from 1
     * to 2} (cas), or {@code 1} for an unnamed key.
     */
    public String object(int node) {
        Object key = keys.get(keyIds[node]);
        if (kinds[node] == OpKind.CAS && value(node) instanceof List<?> swap && swap.size() == 2) {
            String change = "from " + Values.describe(swap.get(0)) + " to " + Values.describe(swap.get(1));
            return key == null ? change : Values.describe(key) + " " + change;
        }
        String value = Values.describe(value(node));
        if (kinds[node] == OpKind.ADD || kinds[node] == OpKind.APPEND) {
            return key == null ? value : value + " to " + Values.describe(key);
        }
        return key == null ? value : Values.describe(key) + "=" + value;
    }

    /** The node in a sentence: {@code P1 wrote x=1}. */
    public String describe(int node) {
        return actor(node) + " " + kinds[node].verb() + " " + object(node);
    }
}
