package dev.faultline.target.raft;

/** How a leader makes a read linearizable (Raft dissertation §6.4). */
public enum ReadMode {
    /** Confirm leadership with a heartbeat round to a quorum, then read at the commit index then known. */
    READ_INDEX("read-index"),
    /**
     * Skip the round while the leader's lease holds: a quorum acknowledged a heartbeat sent less
     * than the lease ago, and those voters ignore votes for an election timeout after hearing it.
     */
    LEASE("lease");

    private final String optionValue;

    ReadMode(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
