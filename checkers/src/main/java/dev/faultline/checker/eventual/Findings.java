package dev.faultline.checker.eventual;

import dev.faultline.checker.Anomaly;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The anomalies of one check, bounded: every anomaly is counted by type, but only the first
 * {@value #WITNESSES_PER_TYPE_MAX} of each type are kept with their witness, so that a history
 * with 100,000 lost writes still yields a {@code results.json} a browser can open. An anomaly's
 * text is built only when it is kept.
 */
final class Findings {
    static final int WITNESSES_PER_TYPE_MAX = 1000;

    private final List<Anomaly> kept = new ArrayList<>();
    private final Map<String, Long> countsByType = new TreeMap<>();

    void add(String type, Supplier<Anomaly> anomaly) {
        long count = countsByType.merge(type, 1L, Long::sum);
        if (count <= WITNESSES_PER_TYPE_MAX) {
            kept.add(anomaly.get());
        }
    }

    boolean isEmpty() {
        return countsByType.isEmpty();
    }

    List<Anomaly> anomalies() {
        return kept;
    }

    long count(String type) {
        return countsByType.getOrDefault(type, 0L);
    }

    /** How many of each type were found, kept or not. */
    Map<String, Object> counts() {
        return new TreeMap<>(countsByType);
    }

    boolean truncated() {
        return countsByType.values().stream().anyMatch(count -> count > WITNESSES_PER_TYPE_MAX);
    }
}
