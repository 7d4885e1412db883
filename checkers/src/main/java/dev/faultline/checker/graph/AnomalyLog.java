package dev.faultline.checker.graph;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The anomalies of one check, bounded: every anomaly is counted by type, but only the first few of
 * each type are kept with their witness, which is built only then. A broken store can produce
 * 100,000 instances of one pattern; keeping them all would give a {@code results.json} no browser
 * opens, and building each witness may cost a graph search.
 */
public final class AnomalyLog {
    /** The default number of witnesses kept per type, for checks whose witnesses cost a graph search. */
    public static final int WITNESSES_PER_TYPE = 16;
    /** Witnesses kept per type by checks whose witnesses are cheap (no search): still a page a browser opens. */
    public static final int CHEAP_WITNESSES_PER_TYPE = 1_000;

    private final int witnessesPerType;
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Anomaly> anomalies = new ArrayList<>();

    /** Keeps {@link #WITNESSES_PER_TYPE} witnesses per type. */
    public AnomalyLog() {
        this(WITNESSES_PER_TYPE);
    }

    /** Keeps the first {@code witnessesPerType} witnesses of each type. */
    public AnomalyLog(int witnessesPerType) {
        if (witnessesPerType < 1) {
            throw new IllegalArgumentException("witnessesPerType must be >= 1, was " + witnessesPerType);
        }
        this.witnessesPerType = witnessesPerType;
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

    /** The kept anomalies, in the order they were found. */
    public List<Anomaly> anomalies() {
        return anomalies;
    }

    /** How many anomalies of the type were found, kept or not. */
    public long count(String type) {
        return counts.getOrDefault(type, 0L);
    }

    /** How many anomalies were found, of every type. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many of each type were found, kept or not, by type name. */
    public Map<String, Object> counts() {
        return new TreeMap<>(counts);
    }

    /** Whether some type had more anomalies than witnesses kept. */
    public boolean truncated() {
        return counts.values().stream().anyMatch(count -> count > witnessesPerType);
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
        withCounts.put("anomalyCounts", counts());
        return Verdict.invalid(checker, anomalies, withCounts);
    }
}
