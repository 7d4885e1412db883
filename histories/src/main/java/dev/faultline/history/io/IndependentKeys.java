package dev.faultline.history.io;

import dev.faultline.history.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Jepsen's independent-key histories ({@code jepsen.independent}) write every client value as a
 * tuple {@code [k v]}. This turns such tuples into {@link Op#key()} and {@link Op#value()}.
 *
 * <p>A tuple looks like a CAS argument {@code [old new]}, so the rule is strict: a history is
 * independent only when every client event's value is a two-element vector, no event has a key
 * already, and at least one event is not a {@code cas} (a read or write of a plain register has a
 * scalar value). Anything else is left exactly as read.
 */
final class IndependentKeys {
    private IndependentKeys() {}

    static List<Op> unwrapIfIndependent(List<Op> ops) {
        boolean sawNonCas = false;
        boolean sawClient = false;
        for (Op op : ops) {
            if (op.isNemesis()) {
                continue;
            }
            sawClient = true;
            if (op.key() != null || !(op.value() instanceof List<?> tuple) || tuple.size() != 2) {
                return ops;
            }
            sawNonCas |= !op.f().equals("cas");
        }
        if (!sawClient || !sawNonCas) {
            return ops;
        }
        List<Op> unwrapped = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op.isNemesis()) {
                unwrapped.add(op);
            } else {
                List<?> tuple = (List<?>) op.value();
                unwrapped.add(op.withKeyAndValue(tuple.get(0), tuple.get(1)));
            }
        }
        return unwrapped;
    }
}
