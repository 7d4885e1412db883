package dev.faultline.checker.linear;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;

/** Hand-written histories for unit tests: a tiny builder of invocations and completions. */
final class Histories {
    private final List<Op> ops = new ArrayList<>();

    static Histories history() {
        return new Histories();
    }

    Histories invoke(int process, String f, Object value) {
        return invoke(process, f, null, value);
    }

    Histories invoke(int process, String f, Object key, Object value) {
        ops.add(Op.invoke(process, f, key, value));
        return this;
    }

    Histories ok(int process, String f, Object value) {
        return complete(OpType.OK, process, f, null, value);
    }

    Histories ok(int process, String f, Object key, Object value) {
        return complete(OpType.OK, process, f, key, value);
    }

    Histories fail(int process, String f, Object value) {
        return complete(OpType.FAIL, process, f, null, value);
    }

    Histories info(int process, String f, Object value) {
        return complete(OpType.INFO, process, f, null, value);
    }

    private Histories complete(OpType type, int process, String f, Object key, Object value) {
        ops.add(Op.completion(type, process, f, key, value));
        return this;
    }

    History build() {
        return History.of(ops);
    }
}
