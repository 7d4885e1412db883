package dev.faultline.checker.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.history.Values;

/**
 * The objects' initial value, from the option {@code initial} written as JSON ({@code 0},
 * {@code null}, {@code ""}); shared by every checker that takes one.
 */
public final class InitialValue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InitialValue() {}

    /** The option's value in canonical form (see {@link Values}), or the default when absent. */
    public static Object of(CheckerOptions options, Object defaultValue) {
        if (!options.has("initial")) {
            return defaultValue;
        }
        String text = options.string("initial", null);
        try {
            return Values.canonical(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--initial must be a JSON value (e.g. 0, null, \"\"), was " + text);
        }
    }
}
