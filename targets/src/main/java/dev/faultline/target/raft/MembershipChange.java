package dev.faultline.target.raft;

import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a client's request to change the configuration: a {@code write} of
 * {@link RaftCore#VOTERS_KEY} whose value is the new list of voters. Single-server changes only
 * (dissertation §4.1): the new list adds or removes exactly one node, so any majority of the old
 * configuration overlaps any majority of the new one.
 */
final class MembershipChange {
    /** The request is malformed or changes more than one voter. */
    static final String INVALID = "membership-invalid";
    /** Another change is not yet committed, or the leader has not committed an entry of its term. */
    static final String BUSY = "membership-busy";

    private MembershipChange() {}

    /**
     * Why the change cannot be proposed now, or null when it can.
     *
     * @param committedInTerm whether the leader committed an entry of its current term
     * @param previousCommitted whether the latest configuration entry is committed
     */
    static String refusal(KvRequest request, List<String> voters, List<String> nodes, boolean committedInTerm,
            boolean previousCommitted) {
        if (request.op() != KvOp.WRITE || !(request.value() instanceof List<?> proposed)) {
            return INVALID;
        }
        Set<Object> next = new HashSet<>(proposed);
        if (next.size() != proposed.size() || next.isEmpty() || !nodes.containsAll(next)) {
            return INVALID;
        }
        Set<Object> current = new HashSet<>(voters);
        int added = 0;
        for (Object node : next) {
            added += current.contains(node) ? 0 : 1;
        }
        int removed = current.size() - (next.size() - added);
        if (added + removed != 1) {
            return INVALID;
        }
        if (!committedInTerm || !previousCommitted) {
            return BUSY;
        }
        return null;
    }

    /** The new voters a valid request names. */
    static List<String> voters(KvRequest request) {
        return ((List<?>) request.value()).stream().map(String.class::cast).toList();
    }
}
