package dev.faultline.harness.generator;

import dev.faultline.history.OpType;

/**
 * An invocation or a completion, as {@link Generator#update} sees it.
 *
 * @param type {@code INVOKE}, or the completion's outcome
 * @param thread the worker thread
 * @param process the process that ran the operation (before any change of process an
 *     indeterminate completion causes)
 * @param op the operation as emitted
 * @param timeNanos when it happened, in run time
 */
public record Event(OpType type, int thread, int process, PlannedOp op, long timeNanos) {

    public boolean isInvocation() {
        return type == OpType.INVOKE;
    }

    public boolean isCompletion() {
        return type != OpType.INVOKE;
    }
}
