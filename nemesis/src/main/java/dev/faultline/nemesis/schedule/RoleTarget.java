package dev.faultline.nemesis.schedule;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A node, or nodes, named in a nemesis script by role rather than by name, so that one script
 * fits whichever node leads: {@code leader}, {@code leader+K} (the K-th node after the leader in
 * the cluster's order, wrapping around), {@code others} (every node but the leader), {@code all},
 * or a node's name. Roles are read against the leader of the script's current cycle
 * ({@link ScriptCycle}), so {@code leader+1} names the same node on every line of a cycle.
 */
public record RoleTarget(Role role, int offset, String node) {

    /** What the target is relative to. */
    public enum Role {
        LEADER,
        OTHERS,
        ALL,
        NODE
    }

    public RoleTarget {
        if (offset < 0 || (offset > 0 && role != Role.LEADER)) {
            throw new IllegalArgumentException("only leader+K takes an offset, K >= 0; was " + role + " + " + offset);
        }
        if ((role == Role.NODE) != (node != null)) {
            throw new IllegalArgumentException("a node target names exactly one node");
        }
    }

    /**
     * Parses one target.
     *
     * @param nodes the cluster's nodes: a plain name must be one of them
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RoleTarget parse(String text, List<String> nodes) {
        String target = text.strip();
        if (target.equals("leader")) {
            return new RoleTarget(Role.LEADER, 0, null);
        }
        if (target.startsWith("leader+")) {
            String offset = target.substring("leader+".length());
            if (!offset.matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException("leader+K needs a whole number K, was " + target);
            }
            return new RoleTarget(Role.LEADER, Integer.parseInt(offset), null);
        }
        if (target.equals("others")) {
            return new RoleTarget(Role.OTHERS, 0, null);
        }
        if (target.equals("all")) {
            return new RoleTarget(Role.ALL, 0, null);
        }
        if (nodes.contains(target)) {
            return new RoleTarget(Role.NODE, 0, target);
        }
        throw new IllegalArgumentException("unknown target " + target + " (leader, leader+K, others, all, or one of " + nodes + ")");
    }

    /**
     * The nodes this target names.
     *
     * @param nodes every node, in the cluster's order
     * @param leader the leader the roles are read against
     */
    public SortedSet<String> resolve(List<String> nodes, String leader) {
        int leaderIndex = nodes.indexOf(leader);
        if (leaderIndex < 0) {
            throw new IllegalArgumentException("leader " + leader + " is not one of " + nodes);
        }
        TreeSet<String> resolved = new TreeSet<>();
        switch (role) {
            case LEADER -> resolved.add(nodes.get((leaderIndex + offset) % nodes.size()));
            case OTHERS -> nodes.stream().filter(other -> !other.equals(leader)).forEach(resolved::add);
            case ALL -> resolved.addAll(nodes);
            case NODE -> resolved.add(node);
        }
        return resolved;
    }

    /** The target as written in a script. */
    public String describe() {
        return switch (role) {
            case LEADER -> offset == 0 ? "leader" : "leader+" + offset;
            case OTHERS -> "others";
            case ALL -> "all";
            case NODE -> node;
        };
    }
}
