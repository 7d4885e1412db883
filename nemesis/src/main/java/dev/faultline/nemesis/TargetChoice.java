package dev.faultline.nemesis;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which nodes a kill, pause, power loss, clock or link fault hits (Jepsen's node specs in
 * {@code nemesis.combined}). The schedule draws a choice and a random order of the nodes; the
 * choice takes a prefix of that order when the fault is applied, so the same seed picks the same
 * nodes, and only {@link #LEADER} depends on the cluster's state at that moment.
 */
public enum TargetChoice {
    /** One node. */
    ONE,
    /** The largest minority: (n - 1) / 2 nodes, at least one. */
    MINORITY,
    /** The smallest majority: n / 2 + 1 nodes. */
    MAJORITY,
    /** The current leader; the first node of the order when no leader is known. */
    LEADER,
    /** Every node. */
    ALL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TargetChoice> fromCliName(String name) {
        return Arrays.stream(values()).filter(choice -> choice.cliName().equals(name)).findFirst();
    }

    public static String cliNames() {
        return Arrays.stream(values()).map(TargetChoice::cliName).collect(Collectors.joining(", "));
    }

    /** The largest minority of n nodes, at least one. */
    public static int minoritySize(int nodeCount) {
        return Math.max(1, (nodeCount - 1) / 2);
    }

    /** The smallest majority of n nodes. */
    public static int majoritySize(int nodeCount) {
        return nodeCount / 2 + 1;
    }

    /**
     * The nodes this choice hits.
     *
     * @param order every node, in the random order the schedule drew
     * @param leader the current leader, if known
     */
    public SortedSet<String> resolve(List<String> order, Optional<String> leader) {
        if (order.isEmpty()) {
            throw new IllegalArgumentException("no nodes to choose from");
        }
        int count = switch (this) {
            case ONE, LEADER -> 1;
            case MINORITY -> minoritySize(order.size());
            case MAJORITY -> majoritySize(order.size());
            case ALL -> order.size();
        };
        TreeSet<String> nodes = new TreeSet<>();
        if (this == LEADER && leader.isPresent()) {
            if (!order.contains(leader.get())) {
                throw new IllegalArgumentException("leader " + leader.get() + " is not one of " + order);
            }
            nodes.add(leader.get());
        } else {
            nodes.addAll(order.subList(0, count));
        }
        return Collections.unmodifiableSortedSet(nodes);
    }
}
