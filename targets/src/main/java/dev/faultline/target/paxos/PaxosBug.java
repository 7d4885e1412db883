package dev.faultline.target.paxos;

import dev.faultline.target.common.PlantedBug;

/**
 * The planted bugs (issue 10), each tested at exactly one decision point and off unless named with
 * {@code --bug NAME}. Each is a real bug class (notes §4, bug class 17) kept here to measure how
 * well the harness detects it.
 */
public enum PaxosBug implements PlantedBug {
    /** {@link Acceptor}: promises and accepts are persisted but not fsynced before the reply leaves. */
    ACCEPTOR_NO_FSYNC("acceptor-no-fsync",
            "acceptors reply to prepare and accept before their promise or accepted value is fsynced: power loss forgets them"),
    /** {@link Candidate}: phase 1's reported values are ignored; the new leader proposes its own (a no-op). */
    IGNORE_PHASE1_VALUE("ignore-phase1-value",
            "a new leader proposes its own value (a no-op) in every slot instead of the highest-ballot value phase 1 reported"),
    /** {@link Acceptor#admitsPhaseTwo}: accepts and heartbeats below the promised ballot are taken anyway. */
    ACCEPT_LOWER_BALLOT("accept-lower-ballot",
            "acceptors accept proposals (and follow heartbeats) whose ballot is below the one they promised"),
    /** {@link Leader}: a slot counts as chosen with half the nodes (n/2) instead of a majority (n/2 + 1). */
    LEARN_WITHOUT_MAJORITY("learn-without-majority",
            "the leader declares a value chosen once n/2 acceptors (itself alone in a 3-node cluster) accepted it, not a majority"),
    /** {@link Learner}: chosen slots execute in order but stepping over slots not yet learned, which are then never executed. */
    EXECUTE_PAST_GAP("execute-past-gap",
            "learners execute a chosen slot while an earlier slot is still unknown, and skip that earlier slot for good"),
    /** {@link LeaderLease}: the read lease is timed on the wall clock, which a clock step moves. */
    LEASE_WALLCLOCK("lease-wallclock",
            "the leader times its read lease on the wall clock instead of the monotonic clock (turns read-lease on)");

    private final String flag;
    private final String description;

    PaxosBug(String flag, String description) {
        this.flag = flag;
        this.description = description;
    }

    @Override
    public String flag() {
        return flag;
    }

    @Override
    public String description() {
        return description;
    }
}
