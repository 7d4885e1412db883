package dev.faultline.checker.causal;

/**
 * The names of the anomalies the causal checker reports. The register patterns are the bad
 * patterns of Bouajjani et al. (POPL 2017, table 2); the set and list patterns are their
 * counterparts when reads return every visible update.
 */
public final class CausalPatterns {
    /** Program order and reads-from (or observation) form a cycle. CC, CCv, CM. */
    public static final String CYCLIC_CO = "CyclicCO";
    /** A read returned the initial value although a write of its key is in its causal past. CC, CCv, CM. */
    public static final String WRITE_CO_INIT_READ = "WriteCOInitRead";
    /** A read returned w1 although a write w2 of its key with w1 before w2 is in its causal past. CC, CCv, CM. */
    public static final String WRITE_CO_READ = "WriteCORead";
    /** Causal order and conflict form a cycle: no one arbitration order exists. CCv. */
    public static final String CYCLIC_CF = "CyclicCF";
    /** A session's serialization must put a write of a key before the session's read of its initial value. CM. */
    public static final String WRITE_HB_INIT_READ = "WriteHBInitRead";
    /** A session's happens-before relation has a cycle: no serialization explains all its reads. CM. */
    public static final String CYCLIC_HB = "CyclicHB";
    /** A read of a set or list misses an update in its causal past. CC, CCv, CM. */
    public static final String CAUSAL_VISIBILITY = "CausalVisibilityViolation";
    /** A read of a list puts an element before one that causally precedes it. CC, CCv, CM. */
    public static final String CAUSAL_ORDER = "CausalOrderViolation";
    /** The orders in which reads return list elements, with the causal order, form a cycle. CCv. */
    public static final String INCOMPATIBLE_ORDER = "IncompatibleOrder";
    /** A read returned one element twice. */
    public static final String DUPLICATE_ELEMENTS = "DuplicateElements";

    private CausalPatterns() {}
}
