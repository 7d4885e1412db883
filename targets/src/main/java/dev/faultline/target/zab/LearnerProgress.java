package dev.faultline.target.zab;

/**
 * What a leader knows of one learner (the state ZooKeeper keeps in a {@code LearnerHandler}),
 * from its FOLLOWERINFO on. Plain fields: only {@link Leader} changes them.
 */
final class LearnerProgress {
    final boolean observer;
    /** The learner's history end, as it reported it (FOLLOWERINFO, then ACKEPOCH). */
    Zxid reportedZxid;
    long acceptedEpoch;
    boolean epochAcked;
    /** Whether its ACKEPOCH may count towards establishing the epoch ({@link ZabMessage.AckEpoch#counts}). */
    boolean countsForEpoch;
    boolean newLeaderSent;
    boolean newLeaderAcked;
    boolean upToDate;
    /** The highest zxid it acknowledged as durable (cumulative); meaningful once NEWLEADER is acked. */
    Zxid ackedZxid = Zxid.ZERO;
    /** When it last made progress (or was last re-sent to), for retransmission. */
    long progressTick;
    /** The highest ping round it answered. */
    long pingRound;

    LearnerProgress(boolean observer, long acceptedEpoch, Zxid reportedZxid, long tick) {
        this.observer = observer;
        this.acceptedEpoch = acceptedEpoch;
        this.reportedZxid = reportedZxid;
        this.progressTick = tick;
    }

    /** Whether it votes and has acknowledged NEWLEADER, so its acks count towards commits. */
    boolean countsForCommit() {
        return !observer && newLeaderAcked;
    }
}
