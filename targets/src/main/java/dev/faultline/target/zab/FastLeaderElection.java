package dev.faultline.target.zab;

import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.Notification;
import java.util.HashMap;
import java.util.Map;

/**
 * The LOOKING role: ZooKeeper's fast leader election ({@code FastLeaderElection.lookForLeader}),
 * driven by ticks instead of a blocking queue.
 *
 * <ul>
 *   <li>On entry the server starts a new round (its logical clock), votes for itself (an observer
 *       votes for nobody) and notifies every voter.
 *   <li>A LOOKING notification from a higher round moves this server to that round, clears the
 *       votes it collected and re-votes for the better of the sender's vote and its own; one from
 *       a lower round is answered with this server's vote and otherwise ignored; one from this
 *       round that is {@link Vote#isBetterThan better} replaces the proposal.
 *   <li>When a quorum of voters (this one included) votes as this server does, it waits
 *       {@code finalizeWaitTicks} for a better vote; if none changes its proposal, it decides.
 *   <li>A FOLLOWING or LEADING notification tells of an elected leader: a quorum of them naming
 *       the same leader and peer epoch, the leader itself among them saying LEADING
 *       ({@code checkLeader}), makes this server join that leader without a new election.
 *   <li>With nothing decided, notifications are sent again after an interval that doubles up to
 *       {@code notificationTicksMax}.
 * </ul>
 */
final class FastLeaderElection implements Role {
    private final Replica replica;
    private final Transitions transitions;
    private long round;
    private Vote proposal;
    /** Votes of this round from LOOKING voters, and reports of this round from elected ones (ZooKeeper's recvset). */
    private final Map<String, Notification> received = new HashMap<>();
    /** Reports from voters that follow or lead, of any round (ZooKeeper's outofelection). */
    private final Map<String, Notification> outOfElection = new HashMap<>();
    private long finalizeAtTick = -1;
    private long notifyAtTick;
    private int notificationIntervalTicks;

    FastLeaderElection(Replica replica, Transitions transitions, long previousRound) {
        this.replica = replica;
        this.transitions = transitions;
        this.round = previousRound + 1;
        this.proposal = ownVote();
        this.notificationIntervalTicks = replica.config.notificationTicks();
        notifyVoters();
    }

    private Vote ownVote() {
        return replica.isObserver() ? Vote.NONE : replica.selfVote();
    }

    long round() {
        return round;
    }

    Vote proposal() {
        return proposal;
    }

    @Override
    public ServerState state() {
        return ServerState.LOOKING;
    }

    @Override
    public String leader() {
        return null;
    }

    @Override
    public long epoch() {
        return 0;
    }

    @Override
    public boolean serving() {
        return false;
    }

    @Override
    public void requestSync(long id) {
        throw new IllegalStateException("a looking server serves no client");
    }

    @Override
    public void requestChange(long id, KvRequest request) {
        throw new IllegalStateException("a looking server serves no client");
    }

    @Override
    public void receive(String from, ZabMessage message) {
        // Only notifications matter while looking; ZabCore hands over nothing else.
    }

    /** A notification from {@code from}; observers' notifications are answered by {@link ZabCore}, never counted. */
    void onNotification(String from, Notification notification) {
        if (!replica.isVoter(from)) {
            return;
        }
        switch (notification.state()) {
            case LOOKING -> onLookingVote(from, notification);
            case FOLLOWING, LEADING -> onElectedReport(from, notification);
            case OBSERVING -> {
                // Observers never vote.
            }
        }
    }

    private void onLookingVote(String from, Notification notification) {
        if (replica.isObserver()) {
            return;
        }
        if (notification.round() < round) {
            replica.ready.send(from, new Notification(proposal, round, ServerState.LOOKING));
            return;
        }
        if (notification.round() > round) {
            round = notification.round();
            received.clear();
            Vote own = ownVote();
            propose(notification.vote().isBetterThan(own) ? notification.vote() : own);
        } else if (notification.vote().isBetterThan(proposal)) {
            propose(notification.vote());
        }
        received.put(from, notification);
        if (finalizeAtTick < 0 && lookingQuorumFor(proposal)) {
            finalizeAtTick = replica.ticks + replica.config.finalizeWaitTicks();
        }
    }

    private void propose(Vote vote) {
        proposal = vote;
        finalizeAtTick = -1;
        notifyVoters();
    }

    private void onElectedReport(String from, Notification notification) {
        Vote vote = notification.vote();
        if (vote.leader() == null) {
            return;
        }
        if (notification.round() == round) {
            received.put(from, notification);
            if (electedQuorumFor(received, vote) && checkLeader(received, vote.leader(), notification.round())) {
                transitions.elected(vote, round);
                return;
            }
        }
        outOfElection.put(from, notification);
        if (electedQuorumFor(outOfElection, vote) && checkLeader(outOfElection, vote.leader(), notification.round())) {
            round = notification.round();
            transitions.elected(vote, round);
        }
    }

    /** Whether a quorum of voters, this one included, votes {@code vote} in this round. */
    private boolean lookingQuorumFor(Vote vote) {
        int count = replica.isVoter(replica.nodeId) && vote.equals(proposal) ? 1 : 0;
        for (Notification notification : received.values()) {
            if (notification.state() == ServerState.LOOKING && notification.round() == round
                    && notification.vote().equals(vote)) {
                count++;
            }
        }
        return count >= replica.quorumSize();
    }

    /** Whether a quorum of voters report the same leader and peer epoch (ZooKeeper compares only those once elected). */
    private boolean electedQuorumFor(Map<String, Notification> reports, Vote vote) {
        int count = 0;
        for (Notification notification : reports.values()) {
            Vote reported = notification.vote();
            if (notification.state() != ServerState.LOOKING && vote.leader().equals(reported.leader())
                    && vote.peerEpoch() == reported.peerEpoch()) {
                count++;
            }
        }
        return count >= replica.quorumSize();
    }

    /**
     * ZooKeeper's {@code checkLeader}: another server is trusted as leader only if it says LEADING
     * itself; this server may take leadership from others' reports only in the round it is in.
     */
    private boolean checkLeader(Map<String, Notification> reports, String leader, long reportedRound) {
        if (leader.equals(replica.nodeId)) {
            return reportedRound == round;
        }
        Notification own = reports.get(leader);
        return own != null && own.state() == ServerState.LEADING;
    }

    @Override
    public void tick() {
        if (finalizeAtTick < 0 && lookingQuorumFor(proposal)) {
            // Reached without a message: a cluster whose only voter is this server.
            finalizeAtTick = replica.ticks + replica.config.finalizeWaitTicks();
        }
        if (finalizeAtTick >= 0 && replica.ticks >= finalizeAtTick) {
            if (lookingQuorumFor(proposal)) {
                transitions.elected(proposal, round);
                return;
            }
            finalizeAtTick = -1;
        }
        if (replica.ticks >= notifyAtTick) {
            notificationIntervalTicks = Math.min(2 * notificationIntervalTicks, replica.config.notificationTicksMax());
            notifyVoters();
        }
    }

    private void notifyVoters() {
        Notification notification = new Notification(proposal, round, ServerState.LOOKING);
        for (String voter : replica.voters) {
            if (!voter.equals(replica.nodeId)) {
                replica.ready.send(voter, notification);
            }
        }
        notifyAtTick = replica.ticks + notificationIntervalTicks;
    }
}
