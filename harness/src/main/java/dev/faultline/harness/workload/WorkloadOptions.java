package dev.faultline.harness.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workload's options as given with {@code --workload-opt NAME=VALUE}: each workload names the
 * options it knows, and anything else is an error naming the option, never silently ignored.
 */
public final class WorkloadOptions {
    private final Map<String, String> values;

    private WorkloadOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static WorkloadOptions of(Map<String, String> values) {
        return new WorkloadOptions(values);
    }

    public static WorkloadOptions none() {
        return new WorkloadOptions(Map.of());
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Fails on any option the workload does not know. */
    void requireKnown(String workload, Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown --workload-opt " + name + " for workload " + workload
                        + (known.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        }
    }

    /** An integer option within {@code [min, max]}, or the default. */
    int integer(String name, int defaultValue, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("--workload-opt " + name + " must be within [" + min + ", " + max
                        + "], was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--workload-opt " + name + " must be an integer, was " + value);
        }
    }
}
