package dev.faultline.checker.graph;

import dev.faultline.history.Op;
import dev.faultline.history.Operation;

/**
 * The white-box fields checkers read from {@link Op#meta()}, when a target reports them: the
 * eventual-consistency checkers and the session checker's white-box mode.
 *
 * <ul>
 *   <li>{@value #VERSION}: an integer that totally orders the writes of one key (a server-side
 *       version, a commit index, a Lamport clock). On a write's completion (or invocation) it is
 *       the version the write created; on a read's completion, the version the read returned. The
 *       session checker also takes lists of numbers, compared element by element.
 *   <li>{@value #TIMESTAMP}: the last-writer-wins timestamp the server attached to a write (any
 *       number or string); on a read, the timestamp of the value returned. Reported next to lost
 *       writes so a person can see the clock skew that shadowed them; never used for ordering.
 * </ul>
 */
public final class MetaKeys {
    public static final String VERSION = "version";
    public static final String TIMESTAMP = "timestamp";

    private MetaKeys() {}

    /** The field from the completion, else from the invocation; null when neither has it. */
    public static Object of(Operation operation, String field) {
        Object value = operation.complete() == null ? null : operation.complete().meta().get(field);
        return value != null ? value : operation.invoke().meta().get(field);
    }
}
