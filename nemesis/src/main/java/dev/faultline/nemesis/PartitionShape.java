package dev.faultline.nemesis;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The partition shapes of DESIGN.md §7, after Jepsen's grudges ({@code nemesis.clj}). Each shape
 * turns a random order of the nodes into a grudge: for every node, the peers whose messages it
 * drops. Nodes absent from the grudge, or mapped to an empty set, hear everyone.
 */
public enum PartitionShape {
    /** The order cut in two: the first n / 2 nodes against the rest, both directions. */
    RANDOM_HALVES(2),
    /** The first node of the order against the rest, both directions. */
    ISOLATE_ONE(2),
    /** The current leader against the rest, both directions; the first node when no leader is known. */
    ISOLATE_LEADER(2),
    /**
     * Every node hears a majority (itself included) made of its neighbours on a ring in the
     * order, and no two nodes hear the same majority (Jepsen's majorities ring). With an even
     * number of neighbours the ring is symmetric; otherwise each node hears one more neighbour
     * ahead than behind, so some links are cut in one direction only.
     */
    MAJORITY_RING(3),
    /** Two halves that cannot hear each other, and the first node of the order, hearing both. */
    BRIDGE(3),
    /**
     * A one-way partition: the largest minority (at least one node) stops hearing the others,
     * while the others still hear it. A leader among them keeps sending heartbeats it gets no
     * answer to.
     */
    ONE_WAY(2),
    /**
     * A partition a nemesis script names: two groups of nodes, each cut off from the other in both
     * directions (nodes in neither group hear everyone), or one-way cuts. Never drawn by a random
     * schedule: its sides come from {@link #between} or the script's cuts, not from an order.
     */
    EXPLICIT(2);

    private final int nodeCountMin;

    PartitionShape(int nodeCountMin) {
        this.nodeCountMin = nodeCountMin;
    }

    /** The fewest nodes for which the shape cuts any link. */
    public int nodeCountMin() {
        return nodeCountMin;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PartitionShape> fromCliName(String name) {
        return Arrays.stream(values()).filter(shape -> shape.cliName().equals(name)).findFirst();
    }

    public static String cliNames() {
        return Arrays.stream(values()).map(PartitionShape::cliName).collect(Collectors.joining(", "));
    }

    /** The shapes a random schedule may draw that cut links in a cluster of this size. */
    public static List<PartitionShape> applicableTo(int nodeCount) {
        return Arrays.stream(values()).filter(shape -> shape != EXPLICIT && nodeCount >= shape.nodeCountMin).toList();
    }

    /**
     * The {@link #EXPLICIT} grudge: every node of {@code left} drops every node of {@code right}
     * and the other way round; every other node hears everyone.
     *
     * @param nodes every node of the cluster
     */
    public static Map<String, SortedSet<String>> between(List<String> nodes, Set<String> left, Set<String> right) {
        if (left.isEmpty() || right.isEmpty()) {
            throw new IllegalArgumentException("each side of a partition needs a node, were " + left + " and " + right);
        }
        if (left.stream().anyMatch(right::contains)) {
            throw new IllegalArgumentException("the sides of a partition overlap: " + left + " and " + right);
        }
        Map<String, SortedSet<String>> grudge = emptyGrudge(nodes);
        for (String node : left) {
            grudge.get(node).addAll(right);
        }
        for (String node : right) {
            grudge.get(node).addAll(left);
        }
        return seal(grudge);
    }

    /**
     * The grudge for this shape.
     *
     * @param order every node, in the random order the schedule drew
     * @param leader the current leader, if known (used by {@link #ISOLATE_LEADER} only)
     * @return for each node, the sorted set of peers it drops messages from; every node is a key
     */
    public Map<String, SortedSet<String>> grudge(List<String> order, Optional<String> leader) {
        if (order.size() < nodeCountMin) {
            throw new IllegalArgumentException(cliName() + " needs at least " + nodeCountMin + " nodes, has " + order.size());
        }
        int n = order.size();
        return switch (this) {
            case RANDOM_HALVES -> split(order, order.subList(0, n / 2));
            case ISOLATE_ONE -> split(order, order.subList(0, 1));
            case ISOLATE_LEADER -> split(order, List.of(leader.orElse(order.get(0))));
            case MAJORITY_RING -> ring(order);
            case BRIDGE -> bridge(order);
            case ONE_WAY -> oneWay(order, order.subList(0, TargetChoice.minoritySize(n)));
            case EXPLICIT -> throw new IllegalStateException("an explicit partition names its sides: use between()");
        };
    }

    /** The side against everyone else, both directions. */
    private static Map<String, SortedSet<String>> split(List<String> order, List<String> side) {
        Map<String, SortedSet<String>> grudge = emptyGrudge(order);
        for (String node : order) {
            boolean inSide = side.contains(node);
            for (String peer : order) {
                if (side.contains(peer) != inSide) {
                    grudge.get(node).add(peer);
                }
            }
        }
        return seal(grudge);
    }

    private static Map<String, SortedSet<String>> ring(List<String> order) {
        int n = order.size();
        int neighbours = TargetChoice.majoritySize(n) - 1;
        int behind = neighbours / 2;
        int ahead = neighbours - behind;
        Map<String, SortedSet<String>> grudge = emptyGrudge(order);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int offset = Math.floorMod(j - i, n);
                boolean heard = offset == 0 || offset <= ahead || offset >= n - behind;
                if (!heard) {
                    grudge.get(order.get(i)).add(order.get(j));
                }
            }
        }
        return seal(grudge);
    }

    private static Map<String, SortedSet<String>> bridge(List<String> order) {
        int n = order.size();
        return between(order, Set.copyOf(order.subList(1, 1 + (n - 1) / 2)), Set.copyOf(order.subList(1 + (n - 1) / 2, n)));
    }

    private static Map<String, SortedSet<String>> oneWay(List<String> order, List<String> deaf) {
        Map<String, SortedSet<String>> grudge = emptyGrudge(order);
        for (String node : deaf) {
            for (String peer : order) {
                if (!deaf.contains(peer)) {
                    grudge.get(node).add(peer);
                }
            }
        }
        return seal(grudge);
    }

    private static Map<String, SortedSet<String>> emptyGrudge(List<String> order) {
        Map<String, SortedSet<String>> grudge = new TreeMap<>();
        for (String node : order) {
            grudge.put(node, new TreeSet<>());
        }
        return grudge;
    }

    private static Map<String, SortedSet<String>> seal(Map<String, SortedSet<String>> grudge) {
        Map<String, SortedSet<String>> sealed = new LinkedHashMap<>();
        grudge.forEach((node, peers) -> sealed.put(node, Collections.unmodifiableSortedSet(peers)));
        return Collections.unmodifiableMap(sealed);
    }
}
