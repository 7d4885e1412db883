package dev.faultline.history.io;

import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns EDN data into ops: Jepsen's op maps and the fields of Jepsen's text log. */
final class EdnOps {
    private EdnOps() {}

    /** Converts parsed EDN into canonical history values (see {@link Values}). */
    static Object plain(Object edn) {
        if (edn instanceof Keyword keyword) {
            return keyword.name();
        }
        if (edn instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>(items.size());
            for (Object item : items) {
                list.add(plain(item));
            }
            return Values.canonical(list);
        }
        if (edn instanceof Map<?, ?> map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.put(plain(entry.getKey()), plain(entry.getValue()));
            }
            return Values.canonical(entries);
        }
        return Values.canonical(edn);
    }

    /** Builds an op from a Jepsen op map; keys other than the op's own fields go into {@code meta}. */
    static Op fromMap(Map<?, ?> map, int position, String source, int line) {
        Object process = null;
        Object type = null;
        Object f = null;
        Object key = null;
        Object value = null;
        Object node = null;
        Object error = null;
        Object index = null;
        Object time = null;
        boolean finalRead = false;
        Map<Object, Object> meta = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof Keyword field)) {
                throw new HistoryFormatException(source, line, "op map key " + entry.getKey() + " is not a keyword");
            }
            Object v = entry.getValue();
            switch (field.name()) {
                case "process" -> process = v;
                case "type" -> type = v;
                case "f" -> f = v;
                case "key" -> key = v;
                case "value" -> value = v;
                case "node" -> node = v;
                case "error" -> error = v;
                case "index" -> index = v;
                case "time" -> time = v;
                case "final" -> finalRead = Boolean.TRUE.equals(v);
                case "meta" -> {
                    if (!(v instanceof Map<?, ?> given)) {
                        throw new HistoryFormatException(source, line, ":meta must be a map");
                    }
                    meta.putAll(given);
                }
                default -> meta.put(field, v);
            }
        }
        if (process == null) {
            throw new HistoryFormatException(source, line, "op has no :process");
        }
        if (type == null) {
            throw new HistoryFormatException(source, line, "op has no :type");
        }
        if (f == null) {
            throw new HistoryFormatException(source, line, "op has no :f");
        }
        int opIndex = index == null ? position : (int) nonNegative(index, ":index", source, line);
        long opTime = time == null ? Op.NO_TIME : nonNegative(time, ":time", source, line);
        @SuppressWarnings("unchecked")
        Map<String, Object> opMeta = (Map<String, Object>) plain(meta);
        return new Op(opIndex, opTime, process(process, source, line), type(type, source, line),
                name(f, ":f", source, line), plain(key), plain(value),
                node == null ? null : name(node, ":node", source, line), plain(error), opMeta, finalRead);
    }

    static int process(Object process, String source, int line) {
        if (process instanceof Keyword keyword) {
            if (keyword.name().equals("nemesis")) {
                return Op.NEMESIS;
            }
            throw new HistoryFormatException(source, line, "unknown process " + keyword
                    + " (expected a non-negative integer or :nemesis)");
        }
        return (int) nonNegative(process, "process", source, line);
    }

    static OpType type(Object type, String source, int line) {
        if (type instanceof Keyword keyword) {
            var known = OpType.fromWireName(keyword.name());
            if (known.isPresent()) {
                return known.get();
            }
        }
        throw new HistoryFormatException(source, line, "unknown type " + describe(type)
                + " (expected :invoke, :ok, :fail or :info)");
    }

    static String name(Object value, String field, String source, int line) {
        if (value instanceof Keyword keyword) {
            return keyword.name();
        }
        if (value instanceof String text) {
            return text;
        }
        throw new HistoryFormatException(source, line, field + " must be a keyword or string, was " + describe(value));
    }

    private static long nonNegative(Object value, String field, String source, int line) {
        if (value instanceof BigInteger number && number.signum() >= 0 && number.bitLength() < 63) {
            return number.longValue();
        }
        throw new HistoryFormatException(source, line, field + " must be a non-negative integer, was " + describe(value));
    }

    private static String describe(Object edn) {
        if (edn instanceof Keyword keyword) {
            return keyword.toString();
        }
        return edn instanceof String text ? '"' + text + '"' : Values.describe(plain(edn));
    }
}
