package dev.faultline.checker.linear;

import dev.faultline.history.Operation;
import java.util.List;

/**
 * A sequential specification: Porcupine's {@code Model} with Java types. States are immutable
 * values with {@code equals} and {@code hashCode}, because the search interns them; {@link #step}
 * is a pure function.
 *
 * <p>How a history's {@code fail} and {@code info} outcomes are read is part of the model (see
 * {@link Semantics}): {@link #interpret} turns each operation into the {@link Call} the search
 * linearizes, or leaves it out when it cannot constrain any linearization.
 *
 * @param <S> the state type
 */
public interface Model<S> {

    /** The name used with {@code --model}. */
    String name();

    S initialState();

    /**
     * The call the search must linearize for this operation, or null when the operation is left
     * out: a {@code fail} that did not happen, or a read that tells nothing.
     *
     * @throws IllegalArgumentException naming the problem when the operation is not one of this
     *     model's (an unknown function, a malformed value)
     */
    Call interpret(Operation operation);

    /** The state after the call, or null when the call cannot happen in this state. */
    S step(S state, Call call);

    /**
     * The call's effect, prepared once for the search, which applies it to many states. It must
     * agree with {@link #step}; the default simply calls it.
     */
    default Transition<S> compile(Call call) {
        return state -> step(state, call);
    }

    /**
     * True when the call never changes the state where it is legal (a read, a failed compare).
     * The search may then linearize it as soon as it is legal, without branching.
     */
    boolean isReadOnly(Call call);

    String describeState(S state);

    /** Why the call cannot happen in this state, for witnesses. */
    default String rejection(S state, Call call) {
        return call.describe() + " is impossible in state " + describeState(state);
    }

    /**
     * Which {@code info} calls of one partition no other call can observe, so that linearizing
     * them last, or never, is always possible and the search may leave them out. Each model that
     * overrides this proves it in its documentation; the default claims nothing.
     *
     * @param calls every call of the partition
     * @return one flag per call
     */
    default boolean[] unobservedInfo(List<Call> calls) {
        return new boolean[calls.size()];
    }
}
