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

    /** A kill, pause or power loss of the chosen nodes. */
    record ProcessPlan(FaultKind kind, TargetChoice targets, List<String> order) implements FaultPlan {
        public ProcessPlan {
            if (!kind.isProcessFault()) {
                throw new IllegalArgumentException(kind.cliName() + " is not a process fault");
            }
            order = List.copyOf(order);
        }

        @Override
        public Fault resolve(ClusterView view) {
            return new Fault.ProcessFault(kind, targets.resolve(order, view.leader()));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("targets", targets.cliName());
            return Values.canonicalMap(fields);
        }
    }

    /** A clock change (an agent {@code ClockBump}, {@code ClockStrobe} or {@code ClockRate}) on the chosen nodes. */
    record ClockPlan(AgentRequest change, TargetChoice targets, List<String> order) implements FaultPlan {
        public ClockPlan {
            order = List.copyOf(order);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK;
        }

        @Override
        public Fault resolve(ClusterView view) {
            return new Fault.ClockFault(change, targets.resolve(order, view.leader()));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("targets", targets.cliName());
            fields.putAll(Fault.describeClockChange(change));
            return Values.canonicalMap(fields);
        }
    }

    /** A link fault on the chosen nodes. */
    record LinkPlan(LinkFaults faults, TargetChoice targets, List<String> order) implements FaultPlan {
        public LinkPlan {
            order = List.copyOf(order);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LINK;
        }

        @Override
        public Fault resolve(ClusterView view) {
            return new Fault.LinkFault(faults, targets.resolve(order, view.leader()));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("targets", targets.cliName());
            fields.putAll(Fault.describeLinkFaults(faults));
            return Values.canonicalMap(fields);
        }
    }

    /** A slow disk on the chosen nodes. */
    record DiskPlan(DiskFaults faults, TargetChoice targets, List<String> order) implements FaultPlan {
        public DiskPlan {
            order = List.copyOf(order);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.DISK;
        }

        @Override
        public Fault resolve(ClusterView view) {
            return new Fault.DiskFault(faults, targets.resolve(order, view.leader()));
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("targets", targets.cliName());
            fields.putAll(Fault.describeDiskFaults(faults));
            return Values.canonicalMap(fields);
        }
    }

    /**
     * A fault of a nemesis script: its nodes named by role ({@link RoleTarget}) and read against
     * the leader of its {@link ScriptCycle} when it starts. A partition has two groups, cut off from
     * each other (one group stands against every other node); other kinds have one group.
     *
     * @param change the {@link LinkFaults} of a link fault, the clock request of a clock fault or
     *     the {@link DiskFaults} of a disk fault; null for the other kinds
     * @param line the script line the fault comes from, recorded with it
     */
    record ScriptPlan(FaultKind kind, List<List<RoleTarget>> groups, AgentRequest change, ScriptCycle cycle, int line,
            List<String> order) implements FaultPlan {
        public ScriptPlan {
            groups = groups.stream().map(List::copyOf).toList();
            order = List.copyOf(order);
            int groupCount = kind == FaultKind.PARTITION ? 2 : 1;
            if (groups.size() != groupCount && !(kind == FaultKind.PARTITION && groups.size() == 1)) {
                throw new IllegalArgumentException(kind.cliName() + " takes " + groupCount + " group(s) of targets, has "
                        + groups.size());
            }
            if ((change != null) != (kind == FaultKind.LINK || kind == FaultKind.CLOCK || kind == FaultKind.DISK)) {
                throw new IllegalArgumentException("link, clock and disk faults, and only they, need a change");
            }
        }

        @Override
        public Fault resolve(ClusterView view) {
            String leader = cycle.leader(view);
            SortedSet<String> first = nodesOf(groups.get(0), leader);
            return switch (kind) {
                case PARTITION -> {
                    Set<String> second = groups.size() > 1 ? nodesOf(groups.get(1), leader)
                            : order.stream().filter(node -> !first.contains(node)).collect(Collectors.toSet());
                    yield new Fault.Partition(PartitionShape.EXPLICIT, PartitionShape.between(order, first, second));
                }
                case KILL, PAUSE, POWER_LOSS -> new Fault.ProcessFault(kind, first);
                case CLOCK -> new Fault.ClockFault(change, first);
                case LINK -> new Fault.LinkFault((LinkFaults) change, first);
                case DISK -> new Fault.DiskFault((DiskFaults) change, first);
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
            fields.put("targets", groups.stream()
                    .map(group -> group.stream().map(RoleTarget::describe).collect(Collectors.joining(",")))
                    .collect(Collectors.joining(" | ")));
            if (change instanceof LinkFaults faults) {
                fields.putAll(Fault.describeLinkFaults(faults));
            } else if (change instanceof DiskFaults faults) {
                fields.putAll(Fault.describeDiskFaults(faults));
            } else if (change != null) {
                fields.putAll(Fault.describeClockChange(change));
            }
            return Values.canonicalMap(fields);
        }
    }

    private static Map<String, Object> header(FaultPlan plan) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", plan.kind().cliName());
        return fields;
    }
}
