package dev.faultline.harness.client;

import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import java.util.Map;
import java.util.Objects;

/**
 * How an operation ended, as a client reports it; the runner turns it into the history's
 * completion event.
 *
 * <ul>
 *   <li>{@code ok}: it happened; {@code value} is what it observed (a read's value, or the
 *       written value);
 *   <li>{@code fail}: it definitely did not happen (not the leader, CAS mismatch, never sent);
 *   <li>{@code info}: indeterminate — it may have happened, may happen later, or never (a timeout
 *       after sending, a lost connection).
 * </ul>
 *
 * @param node the node that served it, when it differs from the node the client is bound to
 *     (a redirect to the leader); null to mean the bound node
 * @param meta white-box data the server attached (a version, a timestamp)
 */
public record Completion(OpType type, Object value, Object error, String node, Map<String, Object> meta) {
    public Completion {
        Objects.requireNonNull(type, "type");
        if (!type.isCompletion()) {
            throw new IllegalArgumentException("a completion cannot be " + type.wireName());
        }
        value = Values.canonical(value);
        error = Values.canonical(error);
        meta = Values.canonicalMap(meta);
    }

    public static Completion ok(Object value) {
        return new Completion(OpType.OK, value, null, null, Map.of());
    }

    public static Completion fail(Object error) {
        return new Completion(OpType.FAIL, null, error, null, Map.of());
    }

    public static Completion info(Object error) {
        return new Completion(OpType.INFO, null, error, null, Map.of());
    }

    public Completion withNode(String servedBy) {
        return new Completion(type, value, error, servedBy, meta);
    }

    public Completion withMeta(Map<String, Object> newMeta) {
        return new Completion(type, value, error, node, newMeta);
    }
}
