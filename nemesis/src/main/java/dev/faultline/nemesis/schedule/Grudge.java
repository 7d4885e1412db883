package dev.faultline.nemesis.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One rule of a nemesis script's one-way partition ({@code n1<n2,n3}): every node {@code nodes}
 * names drops every message from the nodes {@code from} names (Jepsen's grudge, one entry). It
 * lets a script write down any partition a run applied, also those that are not two groups cut off
 * from each other (majority rings, bridges, one-way partitions), with {@code ;} between rules.
 */
public record Grudge(List<RoleTarget> nodes, List<RoleTarget> from) {
    public Grudge {
        nodes = List.copyOf(nodes);
        from = List.copyOf(from);
        if (nodes.isEmpty() || from.isEmpty()) {
            throw new IllegalArgumentException("a one-way cut needs nodes on both sides of <");
        }
    }

    /**
     * Parses {@code NODES<FROM}, each side comma-separated {@link RoleTarget}s.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Grudge parse(String text, List<String> clusterNodes) {
        String[] sides = text.split("<", -1);
        if (sides.length != 2 || sides[0].isEmpty() || sides[1].isEmpty()) {
            throw new IllegalArgumentException("a one-way cut is NODES<PEERS (NODES drop every message from PEERS), was " + text);
        }
        return new Grudge(targets(sides[0], clusterNodes), targets(sides[1], clusterNodes));
    }

    private static List<RoleTarget> targets(String side, List<String> clusterNodes) {
        return Arrays.stream(side.split(",")).map(target -> RoleTarget.parse(target, clusterNodes)).toList();
    }

    /**
     * Adds this rule's cuts to {@code grudge} (every node of the cluster a key).
     *
     * @throws IllegalArgumentException when a node would drop its own messages
     */
    void addTo(Map<String, SortedSet<String>> grudge, List<String> clusterNodes, String leader) {
        SortedSet<String> peers = resolve(from, clusterNodes, leader);
        for (String node : resolve(nodes, clusterNodes, leader)) {
            if (peers.contains(node)) {
                throw new IllegalArgumentException(node + " cannot drop its own messages (" + describe() + ")");
            }
            grudge.get(node).addAll(peers);
        }
    }

    private static SortedSet<String> resolve(List<RoleTarget> targets, List<String> clusterNodes, String leader) {
        SortedSet<String> resolved = new TreeSet<>();
        targets.forEach(target -> resolved.addAll(target.resolve(clusterNodes, leader)));
        return resolved;
    }

    /** The rule as written in a script. */
    public String describe() {
        return side(nodes) + "<" + side(from);
    }

    private static String side(List<RoleTarget> targets) {
        return targets.stream().map(RoleTarget::describe).collect(Collectors.joining(","));
    }
}
