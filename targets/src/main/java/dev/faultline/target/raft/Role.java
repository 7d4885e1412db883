package dev.faultline.target.raft;

import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.kv.KvReply;

/**
 * One role's handlers (etcd raft's {@code stepFollower}/{@code stepCandidate}/{@code stepLeader}
 * and {@code tickElection}/{@code tickHeartbeat}). {@link RaftCore} owns the state every role shares,
 * applies the term rule before a role sees a message, and swaps roles.
 */
sealed interface Role permits Follower, Candidate, Leader {
    /** The role's name in status and events. */
    String name();

    void tick();

    /** A peer message whose term equals the current term (votes are answered by the core). */
    void step(String from, RaftMessage message);

    void request(ClientRequest request);

    /** An entry was applied; {@code reply} is the state machine's answer for a command, else null. */
    default void applied(Entry entry, KvReply reply) {}

    /** Every committed entry is applied: serve what waited for that. */
    default void afterApply() {}

    /** Sends what was batched during this round of inputs (called when the driver takes a Ready). */
    default void flush() {}

    /** The core leaves this role: answer every client request the role still holds. */
    default void leave() {}
}
