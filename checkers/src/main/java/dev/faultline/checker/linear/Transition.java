package dev.faultline.checker.linear;

/**
 * One op class's effect on a state, compiled once per partition ({@link Model#compile}) so that
 * the search does not decode the call again at every step.
 *
 * @param <S> the model's state type
 */
@FunctionalInterface
public interface Transition<S> {
    /** The state after the call, or null when the call cannot happen in this state. */
    S apply(S state);
}
