package dev.faultline.target.paxos;

import java.util.Comparator;
import java.util.Objects;

/**
 * A proposal number ("Paxos Made Simple" §2.2: "different proposals have different numbers"):
 * a round, then the proposing node's id to break ties, so that two proposers never share a
 * ballot. Totally ordered, round first. A node picks its next ballot above every round it has
 * seen, so its ballots only grow; after a restart it starts above its durable promise, which
 * includes its own last ballot (a proposer promises its own ballot before it sends a prepare).
 *
 * @param round the round, from 1; 0 only in {@link #ZERO}
 * @param node the proposer; empty only in {@link #ZERO}
 */
public record Ballot(long round, String node) implements Comparable<Ballot> {
    /** Below every real ballot: what an acceptor has promised before its first promise. */
    public static final Ballot ZERO = new Ballot(0, "");

    private static final Comparator<Ballot> ORDER = Comparator.comparingLong(Ballot::round).thenComparing(Ballot::node);

    public Ballot {
        Objects.requireNonNull(node, "node");
        if (round < 0 || (round == 0) != node.isEmpty()) {
            throw new IllegalArgumentException("a ballot needs round >= 1 and a node, or is ZERO; was " + round + "." + node);
        }
    }

    /** The first ballot of {@code node} above every round up to {@code roundSeen}. */
    public static Ballot above(long roundSeen, String node) {
        return new Ballot(roundSeen + 1, node);
    }

    @Override
    public int compareTo(Ballot other) {
        return ORDER.compare(this, other);
    }

    public boolean isAbove(Ballot other) {
        return compareTo(other) > 0;
    }

    public boolean isBelow(Ballot other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return round + "." + node;
    }
}
