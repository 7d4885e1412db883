package dev.faultline.checker.eventual;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set model of {@code convergence} (notes §5.1, §5.2, §9.4): operations {@code add} (value:
 * the element, unique) and {@code read} (value: a list of elements). Every acknowledged add must
 * be in every node's final set (else {@code lost}); no read may return an element never added or
 * whose add failed ({@code unexpected}), nor one element twice ({@code duplicated}). Indeterminate
 * adds that turn up are counted as recovered, as Jepsen's set does, and the set-full timeline
 * ({@link SetTimeline}) measures how long acknowledged adds took to become stably visible.
 */
final class SetConvergence implements ConvergenceModel {
    /** How many recovered elements the statistics list by name. */
    static final int RECOVERED_LISTED_MAX = 100;

    private final OpClock clock;
    private final SetTimeline timeline = new SetTimeline();
    private final List<Object> recoveredListed = new ArrayList<>();
    private long attempted;
    private long acknowledged;
    private long indeterminate;
    private long failed;
    private long lost;
    private long recovered;

    SetConvergence(OpClock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Object stateOf(Operation read) {
        return new HashSet<Object>(SetReads.elementsOf(read));
    }

    @Override
    public String describe(Object state) {
        return "a set of " + ((Set<?>) state).size() + " elements";
    }

    @Override
    public void checkKey(History history, Object key, List<Operation> operations, FinalReads finalReads,
            AnomalyLog findings) {
        SetReads set = SetReads.of(history, operations, clock);
        timeline.addKey(key, set, clock);
        for (Map.Entry<Object, SetReads.Element> entry : set.elements().entrySet()) {
            Operation add = entry.getValue().add;
            attempted++;
            switch (add.outcome()) {
                case OK -> {
                    acknowledged++;
                    checkNotLost(key, entry.getKey(), add, finalReads, findings);
                }
                case INFO -> {
                    indeterminate++;
                    countIfRecovered(entry.getKey(), finalReads);
                }
                case FAIL -> failed++;
                case INVOKE -> throw new IllegalStateException("an operation's outcome is never invoke");
            }
        }
        set.neverAdded().forEach((element, read) -> findings.add("unexpected", () -> new Anomaly("unexpected",
                KeyedOperations.prefix(key) + "the read at op " + read.complete().index() + " returned "
                        + Values.describe(element) + ", which no add ever wrote",
                List.of(read.complete().index()),
                Data.of("key", key, "element", element, "read", (long) read.complete().index()))));
        set.failedButRead().forEach((element, read) -> findings.add("unexpected", () -> {
            Operation add = set.elements().get(element).add;
            return new Anomaly("unexpected",
                    KeyedOperations.prefix(key) + "the read at op " + read.complete().index() + " returned "
                            + Values.describe(element) + ", although its add failed (op " + add.complete().index() + ")",
                    List.of(add.invoke().index(), add.complete().index(), read.complete().index()),
                    Data.of("key", key, "element", element, "read", (long) read.complete().index(),
                            "add", (long) add.invoke().index()));
        }));
        for (SetReads.Sighting sighting : set.duplicated()) {
            Operation read = sighting.read();
            findings.add("duplicated", () -> new Anomaly("duplicated",
                    KeyedOperations.prefix(key) + "the read at op " + read.complete().index() + " returned "
                            + Values.describe(sighting.element()) + " more than once",
                    List.of(read.complete().index()),
                    Data.of("key", key, "element", sighting.element(), "read", (long) read.complete().index())));
        }
    }

    private void checkNotLost(Object key, Object element, Operation add, FinalReads finalReads, AnomalyLog findings) {
        List<FinalReads.Reading> missing = new ArrayList<>();
        for (FinalReads.Reading reading : finalReads.latestByNode().values()) {
            if (!((Set<?>) reading.state()).contains(element)) {
                missing.add(reading);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        lost++;
        findings.add("lost", () -> {
            List<Integer> ops = new ArrayList<>(KeyedOperations.indices(add));
            List<String> where = new ArrayList<>();
            List<Object> nodes = new ArrayList<>();
            for (FinalReads.Reading reading : missing) {
                ops.add(reading.read().complete().index());
                where.add(reading.node() + " (op " + reading.read().complete().index() + ")");
                nodes.add(reading.node());
            }
            String everywhere = missing.size() == finalReads.latestByNode().size() ? "every node's final read: " : "the final read of ";
            return new Anomaly("lost",
                    KeyedOperations.prefix(key) + "the acknowledged add of " + Values.describe(element) + " (op "
                            + add.invoke().index() + ", acknowledged at op " + add.complete().index()
                            + ") is missing from " + everywhere + String.join(", ", where),
                    ops,
                    Data.of("key", key, "element", element, "add", (long) add.invoke().index(), "missingOn", nodes));
        });
    }

    private void countIfRecovered(Object element, FinalReads finalReads) {
        for (FinalReads.Reading reading : finalReads.latestByNode().values()) {
            if (((Set<?>) reading.state()).contains(element)) {
                recovered++;
                if (recoveredListed.size() < RECOVERED_LISTED_MAX) {
                    recoveredListed.add(element);
                }
                return;
            }
        }
    }

    @Override
    public void addStats(Map<String, Object> stats) {
        stats.put("attempted", attempted);
        stats.put("acknowledged", acknowledged);
        stats.put("indeterminate", indeterminate);
        stats.put("failed", failed);
        stats.put("lost", lost);
        stats.put("recovered", recovered);
        stats.put("recoveredElements", recoveredListed);
        stats.put("timeline", timeline.stats());
    }
}
