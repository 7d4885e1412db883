package dev.faultline.target.common.sim;

/** Counts of what happened in a simulation, for tests that check a fault took effect. */
public final class SimStats {
    long steps;
    long messagesSent;
    long messagesDelivered;
    long messagesBlocked;
    long messagesLost;
    long messagesDuplicated;
    long messagesToDownNodes;
    long crashes;
    long restarts;

    public long steps() {
        return steps;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long messagesDelivered() {
        return messagesDelivered;
    }

    /** Dropped by {@link dev.faultline.nemesis.agent.BlockPeers}, at either end. */
    public long messagesBlocked() {
        return messagesBlocked;
    }

    /** Dropped by the loss probability of {@link dev.faultline.nemesis.agent.LinkFaults}. */
    public long messagesLost() {
        return messagesLost;
    }

    public long messagesDuplicated() {
        return messagesDuplicated;
    }

    public long messagesToDownNodes() {
        return messagesToDownNodes;
    }

    public long crashes() {
        return crashes;
    }

    public long restarts() {
        return restarts;
    }

    @Override
    public String toString() {
        return "steps=" + steps + " sent=" + messagesSent + " delivered=" + messagesDelivered + " blocked="
                + messagesBlocked + " lost=" + messagesLost + " duplicated=" + messagesDuplicated + " toDownNodes="
                + messagesToDownNodes + " crashes=" + crashes + " restarts=" + restarts;
    }
}
