package dev.faultline.checker.graph;

/**
 * The relations that label the edges of a checker's graph and the steps of its witnesses. Each has
 * the short name written in {@code results.json} ({@link #wireName()}) and a phrase for text.
 */
public enum Relation {
    /** Program (session) order: both operations are in one session, the first completed first. */
    PROGRAM_ORDER("po", "program order"),
    /** Reads-from: a read returned the value this write wrote (registers). */
    READS_FROM("rf", "reads-from"),
    /** A read returned a set or list holding this update's element, so the update was visible to it. */
    OBSERVED("vis", "observed by"),
    /** Conflict (CCv): the read forced this write to be arbitrated before the write it returned. */
    CONFLICT("cf", "conflict"),
    /** Happens-before of causal memory (CM): derived for one session's serialization. */
    HAPPENS_BEFORE("hb", "happens-before"),
    /**
     * A sequential order must put the first value's write before the second's, because a session
     * observed them in that order (the sequential checker's block graph).
     */
    WRITE_ORDER("wo", "write order"),
    /** A read returned a list holding the first element before the second. */
    LIST_ORDER("order", "list order"),
    /** Read your writes: a session's write precedes, in the write order, the write its later read returned. */
    READ_YOUR_WRITES("ryw", "read your writes"),
    /** Monotonic reads: the write a session read precedes the write its later read returned. */
    MONOTONIC_READS("mr", "monotonic reads"),
    /** Monotonic writes: a session's write precedes its later write. */
    MONOTONIC_WRITES("mw", "monotonic writes"),
    /** Writes follow reads: the write a session read precedes the session's later write. */
    WRITES_FOLLOW_READS("wfr", "writes follow reads");

    private final String wireName;
    private final String phrase;

    Relation(String wireName, String phrase) {
        this.wireName = wireName;
        this.phrase = phrase;
    }

    /** The short name used in results and graph labels, e.g. {@code po}. */
    public String wireName() {
        return wireName;
    }

    /** A phrase for readable text, e.g. {@code program order}. */
    public String phrase() {
        return phrase;
    }
}
