package dev.faultline.nemesis;

import dev.faultline.history.Values;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A fault with its nodes decided: what a {@link Nemesis} applies and heals, and what
 * {@code faults.jsonl} and the history record. Each kind has its natural heal (restore links,
 * restart, resume, reset the clock, clear link faults), so a fault is healed by naming it again.
 */
public sealed interface Fault {

    FaultKind kind();

    /** The nodes whose process, clock or links this fault changes, sorted. */
    SortedSet<String> nodes();

    /**
     * The fault's own fields (kind, nodes and parameters) as canonical history values, for
     * {@code faults.jsonl} and the value of the nemesis ops in the history.
     */
    Map<String, Object> describe();

    /** Peer traffic dropped: each node drops the messages of the peers its grudge names. */
    record Partition(PartitionShape shape, Map<String, SortedSet<String>> grudge) implements Fault {
        public Partition {
            grudge = Map.copyOf(grudge);
            if (grudge.values().stream().allMatch(SortedSet::isEmpty)) {
                throw new IllegalArgumentException("a partition must cut at least one link");
            }
        }

        @Override
        public FaultKind kind() {
            return FaultKind.PARTITION;
        }

        @Override
        public SortedSet<String> nodes() {
            TreeSet<String> nodes = new TreeSet<>();
            grudge.forEach((node, peers) -> {
                if (!peers.isEmpty()) {
                    nodes.add(node);
                }
            });
            return Collections.unmodifiableSortedSet(nodes);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("shape", shape.cliName());
            Map<String, Object> drops = new LinkedHashMap<>();
            new TreeMap<>(grudge).forEach((node, peers) -> {
                if (!peers.isEmpty()) {
                    drops.put(node, List.copyOf(peers));
                }
            });
            fields.put("dropsFrom", drops);
            return Values.canonicalMap(fields);
        }
    }

    /** Kill, pause or power loss of the nodes' processes. */
    record ProcessFault(FaultKind kind, SortedSet<String> nodes) implements Fault {
        public ProcessFault {
            if (!kind.isProcessFault()) {
                throw new IllegalArgumentException(kind.cliName() + " is not a process fault");
            }
            nodes = requireNodes(nodes);
        }

        @Override
        public Map<String, Object> describe() {
            return Values.canonicalMap(header(this));
        }
    }

    /**
     * The nodes' clocks changed by one of the agent's clock requests: a {@link ClockBump} (a step),
     * a {@link ClockStrobe} (a periodic offset) or a {@link ClockRate} (drift), after TigerBeetle's
     * {@code TimeSim}. Healed by a {@code ClockReset}.
     */
    record ClockFault(AgentRequest change, SortedSet<String> nodes) implements Fault {
        public ClockFault {
            if (!(change instanceof ClockBump || change instanceof ClockStrobe || change instanceof ClockRate)) {
                throw new IllegalArgumentException("not a clock change: " + change.describe());
            }
            nodes = requireNodes(nodes);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.putAll(describeClockChange(change));
            return Values.canonicalMap(fields);
        }
    }

    /**
     * The nodes' outbound peer links made lossy, slow, duplicating or reordering, with the agent's
     * own parameters ({@link LinkFaults}; its {@code peers} set, empty for every peer, says which
     * links of each node).
     */
    record LinkFault(LinkFaults faults, SortedSet<String> nodes) implements Fault {
        public LinkFault {
            if (faults.isNone()) {
                throw new IllegalArgumentException("a link fault must change something");
            }
            nodes = requireNodes(nodes);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LINK;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.putAll(describeLinkFaults(faults));
            return Values.canonicalMap(fields);
        }
    }

    /** The nodes' disks made slow: every fsync stalls as {@link DiskFaults} says. */
    record DiskFault(DiskFaults faults, SortedSet<String> nodes) implements Fault {
        public DiskFault {
            if (faults.isNone()) {
                throw new IllegalArgumentException("a disk fault must slow fsync down");
            }
            nodes = requireNodes(nodes);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.DISK;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.putAll(describeDiskFaults(faults));
            return Values.canonicalMap(fields);
        }
    }

    /**
     * The fault of {@code kind} on {@code nodes}, for every kind but a partition (which cuts links
     * between groups, not nodes).
     *
     * @param change the {@link LinkFaults} of a link fault, the clock request of a clock fault or
     *     the {@link DiskFaults} of a disk fault; ignored for a process fault
     */
    static Fault onNodes(FaultKind kind, AgentRequest change, SortedSet<String> nodes) {
        return switch (kind) {
            case KILL, PAUSE, POWER_LOSS -> new ProcessFault(kind, nodes);
            case CLOCK -> new ClockFault(change, nodes);
            case LINK -> new LinkFault((LinkFaults) change, nodes);
            case DISK -> new DiskFault((DiskFaults) change, nodes);
            case PARTITION -> throw new IllegalArgumentException("a partition cuts links between groups, not nodes");
        };
    }

    /** A link, clock or disk change's parameters; none for null (a process fault has no change). */
    static Map<String, Object> describeChange(AgentRequest change) {
        if (change instanceof LinkFaults faults) {
            return describeLinkFaults(faults);
        }
        if (change instanceof DiskFaults faults) {
            return describeDiskFaults(faults);
        }
        return change == null ? Map.of() : describeClockChange(change);
    }

    /** The disk faults' parameters. */
    static Map<String, Object> describeDiskFaults(DiskFaults faults) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("fsyncDelayMeanMillis", faults.fsyncDelayMeanMillis());
        fields.put("fsyncDelayJitterMillis", faults.fsyncDelayJitterMillis());
        return fields;
    }

    /** A clock change's name and parameters: {@code change: bump|strobe|rate} and its fields. */
    static Map<String, Object> describeClockChange(AgentRequest change) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (change instanceof ClockBump bump) {
            fields.put("change", "bump");
            fields.put("deltaMillis", bump.deltaMillis());
        } else if (change instanceof ClockStrobe strobe) {
            fields.put("change", "strobe");
            fields.put("deltaMillis", strobe.deltaMillis());
            fields.put("periodMillis", strobe.periodMillis());
            fields.put("durationMillis", strobe.durationMillis());
        } else if (change instanceof ClockRate rate) {
            fields.put("change", "rate");
            fields.put("rate", rate.rate());
        }
        return fields;
    }

    /** The link faults' nonzero parameters. */
    static Map<String, Object> describeLinkFaults(LinkFaults faults) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (!faults.peers().isEmpty()) {
            fields.put("peers", List.copyOf(new TreeSet<>(faults.peers())));
        }
        if (faults.lossProbability() > 0) {
            fields.put("lossProbability", faults.lossProbability());
        }
        if (faults.delayMeanMillis() > 0 || faults.delayJitterMillis() > 0) {
            fields.put("delayMeanMillis", faults.delayMeanMillis());
            fields.put("delayJitterMillis", faults.delayJitterMillis());
        }
        if (faults.duplicateProbability() > 0) {
            fields.put("duplicateProbability", faults.duplicateProbability());
        }
        if (faults.reorderProbability() > 0) {
            fields.put("reorderProbability", faults.reorderProbability());
            fields.put("reorderWindowMillis", faults.reorderWindowMillis());
        }
        return fields;
    }

    private static Map<String, Object> header(Fault fault) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", fault.kind().cliName());
        fields.put("nodes", List.copyOf(fault.nodes()));
        return fields;
    }

    private static SortedSet<String> requireNodes(SortedSet<String> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a fault needs at least one node");
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
    }
}
