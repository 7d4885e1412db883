package dev.faultline.history;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical value types of a history, shared by every codec, so that the same data read from
 * JSON Lines or from EDN compares equal.
 *
 * <ul>
 *   <li>{@code null}, {@code Boolean}, {@code String};
 *   <li>integers as {@code Long}, or {@code BigInteger} beyond the range of a long;
 *   <li>other numbers as {@code Double};
 *   <li>sequences (JSON arrays; EDN vectors, lists and sets) as an unmodifiable {@code List};
 *   <li>maps as an unmodifiable {@code Map<String, Object>} that keeps insertion order.
 * </ul>
 *
 * <p>Formats richer than JSON lose distinctions that no checker uses, and say so here rather than
 * guessing later: EDN keywords and symbols become their name without the colon, EDN sets become
 * lists in file order, characters become one-character strings, and map keys become the string
 * form of the key.
 */
public final class Values {
    private Values() {}

    /** Converts a value built from Java collections and numbers into canonical form. */
    public static Object canonical(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof BigDecimal || value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Collection<?> collection) {
            List<Object> items = new ArrayList<>(collection.size());
            for (Object item : collection) {
                items.add(canonical(item));
            }
            return Collections.unmodifiableList(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.put(keyString(entry.getKey()), canonical(entry.getValue()));
            }
            return Collections.unmodifiableMap(entries);
        }
        throw new IllegalArgumentException("not a history value: " + value.getClass().getName());
    }

    /** Like {@link #canonical(Object)} for a map, for op metadata. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> canonicalMap(Map<?, ?> map) {
        return map == null || map.isEmpty() ? Map.of() : (Map<String, Object>) canonical(map);
    }

    private static String keyString(Object key) {
        return key instanceof String s ? s : describe(canonical(key));
    }

    /** The value as a long, if it is an integer that fits one. */
    public static boolean isLong(Object value) {
        return value instanceof Long;
    }

    /**
     * A compact, stable rendering in EDN-like syntax: {@code nil}, {@code 3}, {@code "a b"} (quoted
     * only when it has spaces or is empty), {@code [1 2]}, {@code {k v}}.
     */
    public static String describe(Object value) {
        StringBuilder text = new StringBuilder();
        describe(value, text);
        return text.toString();
    }

    /** A loop rather than a stream: witnesses describe many states, each with many strings. */
    private static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '"') {
                return true;
            }
        }
        return false;
    }

    private static void describe(Object value, StringBuilder text) {
        if (value == null) {
            text.append("nil");
        } else if (value instanceof String s) {
            boolean plain = !s.isEmpty() && !needsQuotes(s);
            if (plain) {
                text.append(s);
            } else {
                text.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        } else if (value instanceof List<?> list) {
            text.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    text.append(' ');
                }
                describe(list.get(i), text);
            }
            text.append(']');
        } else if (value instanceof Map<?, ?> map) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    text.append(", ");
                }
                first = false;
                describe(entry.getKey(), text);
                text.append(' ');
                describe(entry.getValue(), text);
            }
            text.append('}');
        } else {
            text.append(value);
        }
    }
}
