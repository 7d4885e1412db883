package dev.faultline.target.gossip;

import dev.faultline.target.common.wire.WireOutput;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A total order on canonical history values, the same on every node, so that a set's elements and
 * equal-timestamp siblings come out in one order wherever they are merged. Numbers compare as
 * numbers when both are longs and strings as strings; everything else by kind, then by its wire
 * encoding (which is injective on canonical values), so the order is total without being clever.
 */
final class ValueOrder implements Comparator<Object> {
    static final ValueOrder INSTANCE = new ValueOrder();

    private ValueOrder() {}

    @Override
    public int compare(Object left, Object right) {
        int byKind = Integer.compare(kind(left), kind(right));
        if (byKind != 0) {
            return byKind;
        }
        if (left instanceof Long a && right instanceof Long b) {
            return Long.compare(a, b);
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        return Arrays.compareUnsigned(encode(left), encode(right));
    }

    private static int kind(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof Number) {
            return 2;
        }
        if (value instanceof String) {
            return 3;
        }
        return 4;
    }

    static byte[] encode(Object value) {
        return new WireOutput(32).writeValue(value).toByteArray();
    }
}
