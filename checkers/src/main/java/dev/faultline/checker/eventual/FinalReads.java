package dev.faultline.checker.eventual;

import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The final reads of one key (notes §9.4 steps 1, 2 and 4): each node's last successful final
 * read, whether the nodes agree on it, and since when they have agreed.
 *
 * <p>The final phase may read every node repeatedly until they agree, so only each node's last
 * read decides; the earlier rounds only date the convergence. Failed and indeterminate final reads
 * observed nothing and are ignored.
 */
final class FinalReads {
    /** A node's last final read and the state it returned, in the model's terms. */
    record Reading(String node, Operation read, Object state) {}

    private final Map<String, Reading> latestByNode;
    private final long convergedAt;

    private FinalReads(Map<String, Reading> latestByNode, long convergedAt) {
        this.latestByNode = latestByNode;
        this.convergedAt = convergedAt;
    }

    /**
     * @param keyOperations one key's operations
     * @param stateOf the state a read returned, compared with {@code equals} (a set for sets)
     * @throws UnsupportedHistoryException for a final read that names no node
     */
    static FinalReads of(List<Operation> keyOperations, Function<Operation, Object> stateOf, OpClock clock) {
        List<Operation> reads = new ArrayList<>();
        for (Operation operation : keyOperations) {
            if (KeyedOperations.isFinalRead(operation)) {
                if (operation.node() == null) {
                    throw new UnsupportedHistoryException("the final read at op " + operation.invoke().index()
                            + " names no node; final reads must say which node served them");
                }
                if (operation.isOk()) {
                    reads.add(operation);
                }
            }
        }
        reads.sort(Comparator.comparingInt(Operation::completion));
        long nodes = reads.stream().map(Operation::node).distinct().count();
        Map<String, Reading> latest = new HashMap<>();
        long agreeingSince = -1;
        for (Operation read : reads) {
            latest.put(read.node(), new Reading(read.node(), read, stateOf.apply(read)));
            if (latest.size() == nodes && allEqual(latest)) {
                agreeingSince = agreeingSince < 0 ? clock.completed(read) : agreeingSince;
            } else {
                agreeingSince = -1;
            }
        }
        return new FinalReads(new TreeMap<>(latest), agreeingSince);
    }

    private static boolean allEqual(Map<String, Reading> latest) {
        Object first = null;
        boolean seen = false;
        for (Reading reading : latest.values()) {
            if (seen && !Objects.equals(first, reading.state())) {
                return false;
            }
            first = reading.state();
            seen = true;
        }
        return true;
    }

    boolean isEmpty() {
        return latestByNode.isEmpty();
    }

    /** Each node's last final read, by node name. */
    Map<String, Reading> latestByNode() {
        return latestByNode;
    }

    /** True when every node's last final read returned the same state. */
    boolean agree() {
        return convergedAt >= 0;
    }

    /**
     * The completion time of the final read from which on every node's latest reading agreed, up
     * to the end of the history; -1 when they do not agree at the end.
     */
    long convergedAt() {
        return convergedAt;
    }

    /** The distinct states the nodes ended in, each with the nodes holding it, in node order. */
    Map<Object, List<String>> nodesByState() {
        Map<Object, List<String>> byState = new LinkedHashMap<>();
        latestByNode.values().forEach(reading ->
                byState.computeIfAbsent(reading.state(), state -> new ArrayList<>()).add(reading.node()));
        return byState;
    }
}
