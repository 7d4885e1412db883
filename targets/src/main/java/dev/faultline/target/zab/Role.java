package dev.faultline.target.zab;

import dev.faultline.target.common.kv.KvRequest;

/**
 * What a ZAB server does in one {@link ServerState}: one handler per role (etcd raft's step
 * functions), swapped by {@link ZabCore} on every transition. A role is discarded when the server
 * leaves its state; it must return at once after asking {@link Transitions} for a new one.
 */
interface Role {
    ServerState state();

    /** The leader this role follows or is, or null while looking. */
    String leader();

    /** The epoch of that leader once it is known, else 0: messages of any other epoch are dropped. */
    long epoch();

    void tick();

    /** A message from {@code from}; election notifications and messages of other epochs never get here. */
    void receive(String from, ZabMessage message);

    /** Whether clients are served: a learner after UPTODATE, a leader once established. */
    boolean serving();

    /** Starts a sync for the client request {@link Clients} named {@code id}; only while serving. */
    void requestSync(long id);

    /** Has the change {@code id} proposed (or forwarded to the leader); only while serving. */
    void requestChange(long id, KvRequest request);

    /** Checks the role's own invariants after each input; throws {@link IllegalStateException} when one is broken. */
    default void checkInvariants() {}

    /** The role changes a role may ask for; {@link ZabCore} carries them out. */
    interface Transitions {
        /** Back to LOOKING, e.g. when the leader fell silent or a quorum was lost. */
        void lookForLeader(String reason);

        /** The election ended in {@code vote}, in election round {@code round}. */
        void elected(Vote vote, long round);

        /**
         * This server adopted {@code newEpoch}: the vote it reports to LOOKING voters names it from
         * now on, so that every member of the epoch reports the same leader and peer epoch however
         * it joined (ZooKeeper's {@code updateElectionVote}, ZOOKEEPER-1732).
         */
        void updateElectionVote(long newEpoch);
    }
}
