package dev.faultline.target.zab;

import java.util.Objects;

/**
 * A fast-leader-election vote: who should lead, and the credentials of that server's history
 * (ZooKeeper's {@code Vote}). Votes are ordered by {@link #isBetterThan}, ZooKeeper's
 * {@code FastLeaderElection.totalOrderPredicate}: higher peer epoch, then higher last zxid, then
 * higher server id. Server ids are compared as strings, so {@code n3} beats {@code n2}.
 *
 * @param leader the proposed leader, or null for an observer's empty vote
 * @param zxid the proposed leader's last logged zxid
 * @param peerEpoch the proposed leader's current epoch
 */
public record Vote(String leader, Zxid zxid, long peerEpoch) {
    /** An observer's vote: it never proposes anyone, and every real vote beats it. */
    public static final Vote NONE = new Vote(null, Zxid.ZERO, -1);

    public Vote {
        Objects.requireNonNull(zxid, "zxid");
    }

    public boolean isBetterThan(Vote other) {
        if (leader == null) {
            return false;
        }
        if (other.leader == null || peerEpoch != other.peerEpoch) {
            return other.leader == null || peerEpoch > other.peerEpoch;
        }
        int byZxid = zxid.compareTo(other.zxid);
        return byZxid != 0 ? byZxid > 0 : leader.compareTo(other.leader) > 0;
    }

    @Override
    public String toString() {
        return leader == null ? "none" : leader + "(" + peerEpoch + "," + zxid + ")";
    }
}
