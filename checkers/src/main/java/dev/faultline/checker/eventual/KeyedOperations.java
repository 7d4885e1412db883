package dev.faultline.checker.eventual;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A history's client operations split by key, each key's in invocation order: Jepsen's independent
 * keys, every key its own object. Operations without a key form the object under the null key.
 */
final class KeyedOperations {
    private KeyedOperations() {}

    static Map<Object, List<Operation>> byKey(History history) {
        Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation operation : history.operations()) {
            byKey.computeIfAbsent(operation.key(), key -> new ArrayList<>()).add(operation);
        }
        return byKey;
    }

    /** A read of the final phase: its invocation or its completion says {@code final: true}. */
    static boolean isFinalRead(Operation operation) {
        return operation.f().equals("read") && operation.isFinal();
    }

    /** "key x: " for messages, or nothing for the single object. */
    static String prefix(Object key) {
        return key == null ? "" : "key " + Values.describe(key) + ": ";
    }

    /** The operation's invocation and completion indices, the ops of a witness. */
    static List<Integer> indices(Operation operation) {
        return operation.complete() == null
                ? List.of(operation.invoke().index())
                : List.of(operation.invoke().index(), operation.complete().index());
    }
}
