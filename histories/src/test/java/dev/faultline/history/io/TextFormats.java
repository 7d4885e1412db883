package dev.faultline.history.io;

import dev.faultline.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes ops in the foreign formats, one op per line, so that tests can corrupt a chosen line
 * and know where the error must point. Only what the register histories of {@link RandomHistories}
 * need: nil, integers, strings and vectors.
 */
final class TextFormats {
    private TextFormats() {}

    /** A Jepsen EDN vector, first op on line 1. */
    static List<String> ednLines(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            String map = ednMap(ops.get(i));
            lines.add((i == 0 ? "[" : " ") + map + (i == ops.size() - 1 ? "]" : ""));
        }
        if (ops.isEmpty()) {
            lines.add("[]");
        }
        return lines;
    }

    static String ednMap(Op op) {
        return "{:process " + (op.isNemesis() ? ":nemesis" : op.process()) + ", :type :" + op.type().wireName()
                + ", :f :" + op.f() + ", :value " + edn(op.value()) + "}";
    }

    /** A Jepsen text log, one op per line. */
    static List<String> logLines(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (Op op : ops) {
            lines.add("INFO  jepsen.util - " + (op.isNemesis() ? ":nemesis" : op.process()) + "\t:"
                    + op.type().wireName() + "\t:" + op.f() + "\t" + edn(op.value()));
        }
        return lines;
    }

    static String edn(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(edn(item));
            }
            return "[" + String.join(" ", items) + "]";
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("maps are not needed here");
        }
        return value.toString();
    }
}
