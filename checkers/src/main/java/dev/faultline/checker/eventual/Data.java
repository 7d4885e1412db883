package dev.faultline.checker.eventual;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered maps for anomaly data and statistics, which may hold null (an absent key, nil). */
final class Data {
    private Data() {}

    /** A map of the given name/value pairs, in order. */
    static Map<String, Object> of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
