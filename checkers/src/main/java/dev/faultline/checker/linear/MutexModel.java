package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;

/**
 * A lock (Knossos {@code mutex}): {@code acquire} is legal when free and takes it; {@code release}
 * is legal when held and frees it. The lock has no owner, as in Knossos.
 */
final class MutexModel implements Model<Boolean> {
    private final boolean initiallyHeld;

    MutexModel(Semantics semantics) {
        Object given = semantics.initialOr(Boolean.FALSE);
        if (!(given instanceof Boolean held)) {
            throw new IllegalArgumentException("--initial for the mutex model must be true (held) or false (free)");
        }
        this.initiallyHeld = held;
    }

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Boolean initialState() {
        return initiallyHeld;
    }

    @Override
    public Call interpret(Operation operation) {
        String f = operation.f();
        if (!f.equals("acquire") && !f.equals("release")) {
            throw new IllegalArgumentException("model mutex has no function '" + f + "' (it knows acquire, release)");
        }
        return operation.outcome() == OpType.FAIL ? null : new Call(operation.key(), f, null, null, operation.outcome());
    }

    @Override
    public Boolean step(Boolean held, Call call) {
        boolean acquire = call.f().equals("acquire");
        return acquire != held ? acquire : null;
    }

    @Override
    public boolean isReadOnly(Call call) {
        return false;
    }

    @Override
    public String describeState(Boolean held) {
        return held ? "held" : "free";
    }
}
