package dev.faultline.checker;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named options for building a checker, as given on the command line ({@code --model cas-register},
 * {@code --guarantees ryw,mr}) or by a test run. Each checker reads the options it knows through
 * the typed accessors and rejects bad values with {@link IllegalArgumentException}, whose message
 * names the option; options it does not use are ignored, so one set serves every checker of a run.
 */
public final class CheckerOptions {
    private final Map<String, String> values;

    private CheckerOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static CheckerOptions none() {
        return new CheckerOptions(Map.of());
    }

    /** Options from name/value pairs; a null value means the option was not given. */
    public static CheckerOptions of(Map<String, String> values) {
        Map<String, String> given = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                given.put(name, value);
            }
        });
        return new CheckerOptions(given);
    }

    /** A copy with one more option. */
    public CheckerOptions with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new CheckerOptions(copy);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** One of the allowed values, or the default; anything else is an error naming the choices. */
    public String choice(String name, String defaultValue, String... allowed) {
        String value = string(name, defaultValue);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException("--" + name + " must be one of " + String.join(", ", allowed)
                    + ", was " + value);
        }
        return value;
    }

    public boolean flag(String name, boolean defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, was " + value);
        };
    }

    /** A comma-separated list, or the default when absent. */
    public List<String> list(String name, List<String> defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public long longValue(String name, long defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was " + value);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
