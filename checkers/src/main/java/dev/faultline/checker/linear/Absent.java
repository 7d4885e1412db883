package dev.faultline.checker.linear;

/**
 * The state of an object that holds no value (an absent key, a register never written). A
 * model's {@code step} returns null for "illegal", so a state of nil needs its own value.
 */
enum Absent {
    VALUE;

    /** The state for a history value: nil becomes {@link #VALUE}. */
    static Object wrap(Object value) {
        return value == null ? VALUE : value;
    }

    /** The history value of a state: {@link #VALUE} becomes nil. */
    static Object unwrap(Object state) {
        return state == VALUE ? null : state;
    }

    @Override
    public String toString() {
        return "nil";
    }
}
