package dev.faultline.checker.eventual;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.graph.MetaKeys;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code divergent} anomaly: the nodes' last final reads of one key disagree (notes §9.4 step
 * 2). Its data is the node-by-value table a report draws: for sets, what each node lacks of the
 * union of all nodes' sets (lists can be long; the union would be longer); otherwise each node's
 * value, with the version and timestamp its read reported.
 */
final class Divergence {
    /** How many missing elements the text names per node; the data has them all. */
    private static final int ELEMENTS_NAMED_MAX = 5;

    private Divergence() {}

    static Anomaly of(Object key, FinalReads finalReads, ConvergenceModel model) {
        boolean sets = finalReads.latestByNode().values().iterator().next().state() instanceof Set<?>;
        Set<Object> union = new LinkedHashSet<>();
        if (sets) {
            finalReads.latestByNode().values().forEach(reading -> union.addAll((Set<?>) reading.state()));
        }
        List<Integer> ops = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (FinalReads.Reading reading : finalReads.latestByNode().values()) {
            int read = reading.read().complete().index();
            ops.add(read);
            Map<String, Object> row = Data.of("read", (long) read);
            if (sets) {
                List<Object> missing = missing(union, (Set<?>) reading.state());
                row.put("size", (long) ((Set<?>) reading.state()).size());
                row.put("missing", missing);
                parts.add(reading.node() + " (op " + read + ") " + describeMissing(missing));
            } else {
                row.put("value", reading.state());
                row.put(MetaKeys.VERSION, reading.read().complete().meta().get(MetaKeys.VERSION));
                row.put(MetaKeys.TIMESTAMP, reading.read().complete().meta().get(MetaKeys.TIMESTAMP));
                parts.add(reading.node() + " (op " + read + ") holds " + model.describe(reading.state()));
            }
            nodes.put(reading.node(), row);
        }
        return new Anomaly("divergent",
                KeyedOperations.prefix(key) + "the nodes' final reads disagree: " + String.join("; ", parts),
                ops, Data.of("key", key, "nodes", nodes));
    }

    private static List<Object> missing(Set<Object> union, Set<?> state) {
        List<Object> missing = new ArrayList<>();
        for (Object element : union) {
            if (!state.contains(element)) {
                missing.add(element);
            }
        }
        return missing;
    }

    private static String describeMissing(List<Object> missing) {
        if (missing.isEmpty()) {
            return "holds every element seen";
        }
        List<String> named = missing.stream().limit(ELEMENTS_NAMED_MAX).map(Values::describe).toList();
        return "lacks " + missing.size() + " (" + String.join(", ", named)
                + (missing.size() > ELEMENTS_NAMED_MAX ? ", ..." : "") + ")";
    }
}
