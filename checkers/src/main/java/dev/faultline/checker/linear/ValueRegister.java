package dev.faultline.checker.linear;

/**
 * A model whose state is one value, so that its calls can be sorted into reads, blind writes and
 * the rest. The unique-value zone check ({@link ZoneCheck}) applies to partitions of reads and
 * blind writes only.
 */
interface ValueRegister {
    /** What a call does to the single value. */
    enum Kind {
        READ,
        WRITE,
        CAS,
        APPEND
    }

    /** The call's kind. */
    Kind kind(Call call);

    /** The initial state. */
    Object initialState();

    /** The state that holds this history value (nil becomes {@link Absent#VALUE}). */
    Object stateOf(Object value);
}
