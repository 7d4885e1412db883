package dev.faultline.target;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The bugs and options chosen for one target on the command line ({@code --bug NAME},
 * {@code --target-opt KEY=VALUE}), already checked against its {@link TargetSpec}. Typed accessors
 * turn a bad value into one clear line.
 */
public record TargetSettings(String target, Set<String> bugs, Map<String, String> options) {
    public TargetSettings {
        bugs = Set.copyOf(bugs);
        options = Map.copyOf(options);
    }

    public boolean bug(String name) {
        return bugs.contains(name);
    }

    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /** One of {@code allowed}, or {@code defaultValue} when the option is absent. */
    public String choice(String key, String defaultValue, Set<String> allowed) {
        String value = option(key, defaultValue);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("target " + target + ": option " + key + " must be one of "
                    + new TreeSet<>(allowed) + ", was '" + value + "'");
        }
        return value;
    }

    /**
     * For an option with two values: true when it is set to {@code alternative}, false when it is
     * absent or set to {@code defaultValue}; anything else is an error naming both.
     */
    public boolean picks(String key, String defaultValue, String alternative) {
        return choice(key, defaultValue, Set.of(defaultValue, alternative)).equals(alternative);
    }

    /** A long in {@code [min, max]}, or {@code defaultValue} when the option is absent. */
    public long longOption(String key, long defaultValue, long min, long max) {
        return numberOption(key, defaultValue, min, max, Long::parseLong, "an integer");
    }

    /** A decimal in {@code [min, max]}, or {@code defaultValue} when the option is absent. */
    public double doubleOption(String key, double defaultValue, double min, double max) {
        return numberOption(key, defaultValue, min, max, Double::parseDouble, "a number");
    }

    private <T extends Comparable<T>> T numberOption(String key, T defaultValue, T min, T max,
            Function<String, T> parse, String kind) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            T value = parse.apply(text.trim());
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        throw new IllegalArgumentException("target " + target + ": option " + key + " must be " + kind + " in ["
                + min + ", " + max + "], was '" + text + "'");
    }
}
