package dev.faultline.checker.eventual;

import java.util.List;
import java.util.Map;

/** Typed access to nested statistics and anomaly data in tests. */
final class Stats {
    private Stats() {}

    /** The value at a path of names through nested maps. */
    static Object at(Map<String, Object> root, String... path) {
        Object value = root;
        for (String name : path) {
            value = map(value).get(name);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
