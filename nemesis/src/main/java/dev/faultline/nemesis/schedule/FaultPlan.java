package dev.faultline.nemesis.schedule;

import dev.faultline.history.Values;
import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import dev.faultline.nemesis.TargetChoice;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A fault as the schedule drew it: everything decided by the seed, including a random order of
 * the nodes, but not yet which node leads. {@link #resolve} turns it into the {@link Fault} to
 * apply, given the cluster as it is at that moment; without a leader in the plan, resolution
 * depends on the seed alone.
 */
public sealed interface FaultPlan {

    FaultKind kind();

    /** The random order of the nodes that the targets are taken from. */
    List<String> order();

    /** The fault to apply now. */
    Fault resolve(ClusterView view);

    /** The plan's choices as canonical values, recorded beside the fault actually applied. */
    Map<String, Object> describe();

    /** A partition of the given shape. */
    record PartitionPlan(PartitionShape shape, List<String> order) implements FaultPlan {
        public PartitionPlan {
            order = List.copyOf(order);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.PARTITION;
        }

        @Override
        public Fault resolve(ClusterView view) {
            return new Fault.Partition(shape, shape.grudge(order, view.leader()));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("shape", shape.cliName());
            return Values.canonicalMap(fields);
        }
    }

    /**
     * A kill, pause, power loss, clock change, link fault or slow disk on the nodes its targets
     * choose.
     *
     * @param change the {@link LinkFaults} of a link fault, the clock request of a clock fault or
     *     the {@link DiskFaults} of a disk fault; null for a process fault
     */
    record NodesPlan(FaultKind kind, AgentRequest change, TargetChoice targets, List<String> order) implements FaultPlan {
        public NodesPlan {
            if (kind == FaultKind.PARTITION) {
                throw new IllegalArgumentException("a partition is planned by its shape, not by targets");
            }
            requireChangeOnlyWhereNeeded(kind, change);
            order = List.copyOf(order);
        }

        @Override
        public Fault resolve(ClusterView view) {
            return Fault.onNodes(kind, change, targets.resolve(order, view.leader()));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("targets", targets.cliName());
            fields.putAll(Fault.describeChange(change));
            return Values.canonicalMap(fields);
        }
    }

    /**
     * A fault of a nemesis script: its nodes named by role ({@link RoleTarget}) and read against
     * the leader of its {@link ScriptCycle} when it starts. A partition has two groups, cut off from
     * each other (one group stands against every other node), or one-way cuts ({@link Grudge}) and
     * no group; other kinds have one group.
     *
     * @param change the {@link LinkFaults} of a link fault, the clock request of a clock fault or
     *     the {@link DiskFaults} of a disk fault; null for the other kinds
     * @param line the script line the fault comes from, recorded with it
     */
    record ScriptPlan(FaultKind kind, List<List<RoleTarget>> groups, List<Grudge> grudges, AgentRequest change,
            ScriptCycle cycle, int line, List<String> order) implements FaultPlan {
        public ScriptPlan {
            groups = groups.stream().map(List::copyOf).toList();
            grudges = List.copyOf(grudges);
            order = List.copyOf(order);
            int groupCount = kind == FaultKind.PARTITION ? 2 : 1;
            if (!grudges.isEmpty()) {
                if (kind != FaultKind.PARTITION || !groups.isEmpty()) {
                    throw new IllegalArgumentException("one-way cuts take the place of a partition's groups");
                }
            } else if (groups.size() != groupCount && !(kind == FaultKind.PARTITION && groups.size() == 1)) {
                throw new IllegalArgumentException(kind.cliName() + " takes " + groupCount + " group(s) of targets, has "
                        + groups.size());
            }
            requireChangeOnlyWhereNeeded(kind, change);
        }

        @Override
        public Fault resolve(ClusterView view) {
            String leader = cycle.leader(view);
            if (!grudges.isEmpty()) {
                Map<String, SortedSet<String>> grudge = new TreeMap<>();
                order.forEach(node -> grudge.put(node, new TreeSet<>()));
                grudges.forEach(cut -> cut.addTo(grudge, order, leader));
                return new Fault.Partition(PartitionShape.EXPLICIT, grudge);
            }
            SortedSet<String> first = nodesOf(groups.get(0), leader);
            return switch (kind) {
                case PARTITION -> {
                    Set<String> second = groups.size() > 1 ? nodesOf(groups.get(1), leader)
                            : order.stream().filter(node -> !first.contains(node)).collect(Collectors.toSet());
                    yield new Fault.Partition(PartitionShape.EXPLICIT, PartitionShape.between(order, first, second));
                }
                default -> Fault.onNodes(kind, change, first);
            };
        }

        private SortedSet<String> nodesOf(List<RoleTarget> targets, String leader) {
            TreeSet<String> nodes = new TreeSet<>();
            targets.forEach(target -> nodes.addAll(target.resolve(order, leader)));
            return nodes;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("script-line", (long) line);
            fields.put("cycle", (long) cycle.number());
            fields.put("targets", grudges.isEmpty()
                    ? groups.stream().map(group -> group.stream().map(RoleTarget::describe).collect(Collectors.joining(",")))
                            .collect(Collectors.joining(" | "))
                    : grudges.stream().map(Grudge::describe).collect(Collectors.joining("; ")));
            fields.putAll(Fault.describeChange(change));
            return Values.canonicalMap(fields);
        }
    }

    private static void requireChangeOnlyWhereNeeded(FaultKind kind, AgentRequest change) {
        if ((change != null) != (kind == FaultKind.LINK || kind == FaultKind.CLOCK || kind == FaultKind.DISK)) {
            throw new IllegalArgumentException("link, clock and disk faults, and only they, need a change");
        }
    }

    private static Map<String, Object> header(FaultPlan plan) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", plan.kind().cliName());
        return fields;
    }
}
