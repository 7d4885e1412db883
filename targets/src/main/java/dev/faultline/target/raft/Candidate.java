package dev.faultline.target.raft;

import dev.faultline.target.common.core.ClientRequest;
import java.util.HashSet;
import java.util.Set;

/**
 * A candidate (Raft §5.2) or, with {@code preVote}, a pre-candidate (dissertation §9.6): it asks
 * every voter for its vote and wins with a majority. A pre-candidate asks whether it could win in
 * the next term without touching anyone's term, so a node that was cut off cannot force a working
 * leader to step down when it returns; only after a majority said yes does it campaign for real.
 */
final class Candidate implements Role {
    private final RaftCore core;
    private final boolean preVote;
    private final Set<String> granted = new HashSet<>();
    private final Set<String> rejected = new HashSet<>();

    Candidate(RaftCore core, boolean preVote) {
        this.core = core;
        this.preVote = preVote;
    }

    @Override
    public String name() {
        return preVote ? "pre-candidate" : "candidate";
    }

    /** The term this candidate asks votes for. */
    private long campaignTerm() {
        return preVote ? core.currentTerm + 1 : core.currentTerm;
    }

    /** Votes for itself and asks every other voter. */
    void start() {
        granted.add(core.id);
        if (decided()) {
            return;
        }
        RaftMessage.RequestVote request = new RaftMessage.RequestVote(campaignTerm(), preVote, core.log.lastIndex(),
                core.log.lastTerm());
        for (String voter : core.log.voters()) {
            if (!voter.equals(core.id)) {
                core.send(voter, request);
            }
        }
    }

    @Override
    public void tick() {
        core.tickElection();
    }

    @Override
    public void step(String from, RaftMessage message) {
        if (message instanceof RaftMessage.RequestVoteResponse response) {
            // A granted pre-vote carries the term asked for; a refusal, the voter's own (ours, or we stepped down).
            long expectedTerm = response.granted() ? campaignTerm() : core.currentTerm;
            if (response.preVote() == preVote && response.term() == expectedTerm && core.log.voters().contains(from)) {
                (response.granted() ? granted : rejected).add(from);
                decided();
            }
        } else if (message instanceof RaftMessage.AppendEntries || message instanceof RaftMessage.Heartbeat
                || message instanceof RaftMessage.InstallSnapshot) {
            // A leader of our term exists (§5.2): follow it, and let the follower handle the message.
            core.becomeFollower(core.currentTerm, from);
            core.role.step(from, message);
        }
    }

    /** Acts on a majority either way; returns whether the election is decided. */
    private boolean decided() {
        if (Quorum.hasMajority(core.log.voters(), granted::contains)) {
            if (preVote) {
                core.campaign(false);
            } else {
                core.becomeLeader();
            }
            return true;
        }
        if (Quorum.hasMajority(core.log.voters(), rejected::contains)) {
            core.becomeFollower(core.currentTerm, null);
            return true;
        }
        return false;
    }

    @Override
    public void request(ClientRequest request) {
        core.redirect(request);
    }
}
