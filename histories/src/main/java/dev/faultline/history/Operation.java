package dev.faultline.history;

import java.util.Objects;

/**
 * A client operation seen whole: its invocation and its completion.
 *
 * <p>An invocation that never completed has {@code completion == -1} and {@code complete ==
 * null}; it is indeterminate, exactly as if it had completed with {@code info}.
 *
 * @param invocation position of the invocation in the history
 * @param completion position of the completion, or -1 when none was recorded
 * @param invoke the invocation event
 * @param complete the completion event, or null when none was recorded
 */
public record Operation(int invocation, int completion, Op invoke, Op complete) {

    public Operation {
        if (complete != null && complete.process() != invoke.process()) {
            throw new IllegalArgumentException("completion from another process: " + complete.describe());
        }
    }

    /** {@code ok}, {@code fail} or {@code info}; an operation that never completed is {@code info}. */
    public OpType outcome() {
        return complete == null ? OpType.INFO : complete.type();
    }

    public int process() {
        return invoke.process();
    }

    public String f() {
        return invoke.f();
    }

    /** The key, from the invocation or, when only the completion names it, from the completion. */
    public Object key() {
        return invoke.key() != null || complete == null ? invoke.key() : complete.key();
    }

    /** The completion's value for {@code ok} operations; otherwise the invocation's. */
    public Object value() {
        return outcome() == OpType.OK ? complete.value() : invoke.value();
    }

    public boolean isOk() {
        return outcome() == OpType.OK;
    }

    public boolean isFail() {
        return outcome() == OpType.FAIL;
    }

    public boolean isInfo() {
        return outcome() == OpType.INFO;
    }

    /**
     * Part of the final phase (after every fault was healed): its invocation or its completion
     * says {@code final: true}.
     */
    public boolean isFinal() {
        return invoke.finalRead() || complete != null && complete.finalRead();
    }

    /** The node that served it: the completion's, else the invocation's, else null. */
    public String node() {
        return complete != null && complete.node() != null ? complete.node() : invoke.node();
    }

    /**
     * The completion's time; {@link Op#NO_TIME} when it never completed or the history has no
     * times. An {@code info} completion's time is when the client gave up, not when the operation
     * took effect: that may be later, or never.
     */
    public long completeTimeNanos() {
        return complete == null ? Op.NO_TIME : complete.timeNanos();
    }

    public long invokeTimeNanos() {
        return invoke.timeNanos();
    }

    public String describe() {
        return "p" + process() + " " + outcome().wireName() + " " + f()
                + (key() != null ? " " + Values.describe(key()) : "")
                + " " + Values.describe(invoke.value())
                + (outcome() == OpType.OK && !Objects.equals(complete.value(), invoke.value())
                        ? " -> " + Values.describe(complete.value()) : "");
    }
}
