package dev.faultline.checker.graph;

/** What an observed operation does to its key, as the checkers of this package see it. */
public enum OpKind {
    /** Returns the key's value: a register's value, or a whole set or list. */
    READ("read", false),
    /** Overwrites a register with a value. */
    WRITE("wrote", true),
    /** Adds an element to a grow-only set. */
    ADD("added", true),
    /** Appends an element to a list. */
    APPEND("appended", true),
    /** Compare-and-set of a register: value {@code [expected, new]}. */
    CAS("swapped", true);

    private final String verb;
    private final boolean update;

    OpKind(String verb, boolean update) {
        this.verb = verb;
        this.update = update;
    }

    /** The past-tense verb for readable text, e.g. {@code wrote}. */
    public String verb() {
        return verb;
    }

    /** True for the kinds that may change the key (write, add, append, cas). */
    public boolean isUpdate() {
        return update;
    }
}
