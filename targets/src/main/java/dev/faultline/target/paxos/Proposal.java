package dev.faultline.target.paxos;

import java.util.Objects;

/** A value for one slot: proposed in an accept, or known chosen in a learn. */
public record Proposal(long slot, Command command) {
    public Proposal {
        Objects.requireNonNull(command, "command");
        if (slot < 1) {
            throw new IllegalArgumentException("slots start at 1, was " + slot);
        }
    }

    @Override
    public String toString() {
        return slot + "=" + command;
    }
}
