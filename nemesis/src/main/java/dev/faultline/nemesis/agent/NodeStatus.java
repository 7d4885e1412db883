package dev.faultline.nemesis.agent;

import dev.faultline.history.Values;
import java.util.Map;

/**
 * What a protocol core reports about itself, in terms every protocol can fill: the harness uses it
 * to find the leader and to annotate reports.
 *
 * @param role the core's role: leader, follower, candidate, looking, coordinator, single, ...
 * @param term the term (Raft), epoch (ZAB) or ballot round (Paxos); 0 where there is none
 * @param leader the node this one believes leads, or null
 * @param commitIndex the highest entry known committed (Raft index, ZAB zxid counter, Paxos slot)
 * @param appliedIndex the highest entry applied to the state machine
 * @param logLength the number of entries held in the log (after compaction)
 * @param extra anything else the core wants to show, as canonical history values
 */
public record NodeStatus(
        String role,
        long term,
        String leader,
        long commitIndex,
        long appliedIndex,
        long logLength,
        Map<String, Object> extra) {

    public NodeStatus {
        extra = Values.canonicalMap(extra);
    }

    public static NodeStatus of(String role, long term, String leader, long commitIndex, long appliedIndex, long logLength) {
        return new NodeStatus(role, term, leader, commitIndex, appliedIndex, logLength, Map.of());
    }
}
