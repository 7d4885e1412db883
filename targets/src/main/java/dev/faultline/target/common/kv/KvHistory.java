package dev.faultline.target.common.kv;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;

/**
 * Turns requests and replies into history operations, the same way wherever they come from (the
 * harness's workers, the simulator), so results go straight into a history.
 */
public final class KvHistory {
    private KvHistory() {}

    /** The invocation of {@code request} by {@code process}. */
    public static Op invocation(int process, KvRequest request) {
        return Op.invoke(process, request.op().f(), request.key(), request.value());
    }

    /**
     * The completion of {@code invocation} with {@code reply}, served by {@code node}. An ok read
     * carries the value read; every other completion repeats the invoked value (Jepsen's convention,
     * which the checkers expect), with the reply's error and meta.
     */
    public static Op completion(Op invocation, KvReply reply, String node) {
        if (invocation.type() != OpType.INVOKE) {
            throw new IllegalArgumentException("not an invocation: " + invocation.describe());
        }
        boolean observedRead = reply.isOk() && invocation.f().equals(KvOp.READ.f());
        Object value = observedRead ? reply.value() : invocation.value();
        return new Op(invocation.index(), invocation.timeNanos(), invocation.process(), reply.outcome().opType(),
                invocation.f(), invocation.key(), value, node, reply.error(), reply.meta(), invocation.finalRead());
    }
}
