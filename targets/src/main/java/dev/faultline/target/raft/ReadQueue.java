package dev.faultline.target.raft;

import dev.faultline.target.common.core.ClientRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A leader's reads on their way through ReadIndex (Raft dissertation §6.4; etcd raft
 * {@code read_only.go}): first, until the leader has committed an entry of its term (before that its
 * commit index may lag the cluster's); then until a quorum acknowledged a heartbeat round sent after
 * the read arrived; then until the state machine applied the read index. Each stage is FIFO and
 * rounds and read indexes only grow, so each stage releases a prefix.
 */
final class ReadQueue {
    /** A read whose index is fixed, waiting for its round and then for the apply. */
    record PendingRead(ClientRequest request, long round, long readIndex) {}

    private final ArrayDeque<ClientRequest> waitingForTermCommit = new ArrayDeque<>();
    private final ArrayDeque<PendingRead> waitingForQuorum = new ArrayDeque<>();
    private final ArrayDeque<PendingRead> waitingForApply = new ArrayDeque<>();

    int size() {
        return waitingForTermCommit.size() + waitingForQuorum.size() + waitingForApply.size();
    }

    void awaitTermCommit(ClientRequest request) {
        waitingForTermCommit.add(request);
    }

    /** The reads that waited for the leader's first commit in its term, in arrival order. */
    List<ClientRequest> takeTermCommitWaiters() {
        List<ClientRequest> taken = new ArrayList<>(waitingForTermCommit);
        waitingForTermCommit.clear();
        return taken;
    }

    void awaitQuorum(ClientRequest request, long round, long readIndex) {
        waitingForQuorum.add(new PendingRead(request, round, readIndex));
    }

    /** Reads whose round is in: their index is confirmed, they now wait for the apply. */
    void quorumAcknowledged(long round) {
        while (!waitingForQuorum.isEmpty() && waitingForQuorum.peek().round() <= round) {
            waitingForApply.add(waitingForQuorum.poll());
        }
    }

    /** Whether some read waits for a round not yet broadcast. */
    boolean waitsForRound(long round) {
        return !waitingForQuorum.isEmpty() && waitingForQuorum.peekLast().round() > round;
    }

    /** A read confirmed otherwise (lease, or a single voter): it waits only for the apply. */
    void awaitApply(ClientRequest request, long readIndex) {
        waitingForApply.add(new PendingRead(request, 0, readIndex));
    }

    /** The confirmed reads whose index is applied, ready to be served. */
    List<PendingRead> takeApplied(long appliedIndex) {
        List<PendingRead> ready = new ArrayList<>();
        while (!waitingForApply.isEmpty() && waitingForApply.peek().readIndex() <= appliedIndex) {
            ready.add(waitingForApply.poll());
        }
        return ready;
    }

    /** Every waiting read, emptying the queue (the leader stepped down). */
    List<ClientRequest> takeAll() {
        List<ClientRequest> all = new ArrayList<>(waitingForTermCommit);
        waitingForQuorum.forEach(read -> all.add(read.request()));
        waitingForApply.forEach(read -> all.add(read.request()));
        waitingForTermCommit.clear();
        waitingForQuorum.clear();
        waitingForApply.clear();
        return all;
    }
}
