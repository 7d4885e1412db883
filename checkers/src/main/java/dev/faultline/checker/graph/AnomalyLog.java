package dev.faultline.checker.graph;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The anomalies a check finds, every one counted but only the first few of each type given a
 * witness: a broken store can produce thousands of instances of one pattern, and building each
 * witness costs a graph search. The counts go into the verdict's statistics.
 */
public final class AnomalyLog {
    /** How many anomalies of one type get a witness by default. */
    public static final int DEFAULT_WITNESSES_PER_TYPE = 16;

    private final int witnessesPerType;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Anomaly> anomalies = new ArrayList<>();

    public AnomalyLog(int witnessesPerType) {
        if (witnessesPerType < 1) {
            throw new IllegalArgumentException("witnessesPerType must be >= 1, was " + witnessesPerType);
        }
        this.witnessesPerType = witnessesPerType;
    }

    public AnomalyLog() {
        this(DEFAULT_WITNESSES_PER_TYPE);
    }

    /** Counts one anomaly of the type, and builds its witness while the type is under its limit. */
    public void add(String type, Supplier<Anomaly> witness) {
        long count = counts.merge(type, 1L, Long::sum);
        if (count <= witnessesPerType) {
            anomalies.add(witness.get());
        }
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** How many anomalies of the type were found. */
    public long count(String type) {
        return counts.getOrDefault(type, 0L);
    }

    public List<Anomaly> anomalies() {
        return anomalies;
    }

    /**
     * Valid when nothing was found, else invalid with the witnesses; {@code stats} gains
     * {@code anomalyCounts} (every type with how many were found) when something was.
     */
    public Verdict verdict(String checker, Map<String, Object> stats) {
        if (counts.isEmpty()) {
            return Verdict.valid(checker, stats);
        }
        Map<String, Object> withCounts = new LinkedHashMap<>(stats);
        withCounts.put("anomalyCounts", new LinkedHashMap<String, Object>(counts));
        return Verdict.invalid(checker, anomalies, withCounts);
    }
}
