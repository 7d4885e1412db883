package dev.faultline.target.paxos;

import java.util.Objects;

/**
 * What an acceptor accepted in one slot: the value and the ballot it came with ("Paxos Made
 * Simple" §2.2: the promise reports "the proposal with the highest number less than n that it
 * has accepted").
 */
public record AcceptedValue(long slot, Ballot ballot, Command command) {
    public AcceptedValue {
        Objects.requireNonNull(ballot, "ballot");
        Objects.requireNonNull(command, "command");
        if (slot < 1) {
            throw new IllegalArgumentException("slots start at 1, was " + slot);
        }
    }

    @Override
    public String toString() {
        return slot + "=" + command + "@" + ballot;
    }
}
