package dev.faultline.nemesis;

import dev.faultline.history.Values;
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

    /** The nodes' clocks changed. */
    record ClockFault(ClockChange change, SortedSet<String> nodes) implements Fault {
        public ClockFault {
            nodes = requireNodes(nodes);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.CLOCK;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = header(this);
            fields.put("change", change.name());
            fields.putAll(change.describe());
            return Values.canonicalMap(fields);
        }
    }

    /** The nodes' peer links made lossy, slow, duplicating or reordering. */
    record LinkFault(LinkProfile profile, SortedSet<String> nodes) implements Fault {
        public LinkFault {
            if (profile.equals(LinkProfile.NONE)) {
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
            fields.putAll(profile.describe());
            return Values.canonicalMap(fields);
        }
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
