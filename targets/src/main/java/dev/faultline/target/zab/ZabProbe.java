package dev.faultline.target.zab;

import java.util.List;

/**
 * What a test can watch inside the cores of a simulated cluster, to check ZAB's properties after
 * every step: every delivery, and every leader the moment it is established. Production nodes use
 * {@link #NONE}. Callbacks run on the core's thread, inside its input; they must not call back.
 */
public interface ZabProbe {
    ZabProbe NONE = new ZabProbe() {};

    /** {@code node}'s core started (first start or restart) with its state delivered up to {@code delivered}. */
    default void started(String node, Zxid delivered) {}

    /** {@code node} delivered (applied) {@code txn}. */
    default void delivered(String node, Txn txn) {}

    /** {@code node} replaced its whole state by a leader's snapshot at {@code zxid} (SNAP). */
    default void installed(String node, Zxid zxid) {}

    /**
     * {@code node} became the established leader of {@code epoch}: a quorum acknowledged NEWLEADER.
     *
     * @param base the last zxid of its history no longer held in memory
     * @param history its history after {@code base}
     */
    default void established(String node, long epoch, Zxid base, List<Txn> history) {}
}
