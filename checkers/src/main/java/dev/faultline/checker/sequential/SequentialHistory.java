package dev.faultline.checker.sequential;

import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations a sequential order must place, under {@link RegisterSemantics}: every
 * {@code ok} read, write and cas; every indeterminate write or cas, which may be placed or left
 * out ({@link #optional}); and, when a failed cas compared and found another value, that cas as a
 * read that must not see its expected value ({@link #failedCompare}). Failed operations otherwise
 * did not happen; indeterminate reads tell nothing; so do nil reads when the semantics say so.
 */
final class SequentialHistory {
    final ObservedOps ops;
    final boolean[] optional;
    final boolean[] failedCompare;

    private SequentialHistory(ObservedOps ops, boolean[] optional, boolean[] failedCompare) {
        this.ops = ops;
        this.optional = optional;
        this.failedCompare = failedCompare;
    }

    static SequentialHistory of(History history, RegisterSemantics semantics) throws UnsupportedHistoryException {
        List<Operation> selected = new ArrayList<>();
        List<OpKind> kinds = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        List<Boolean> failedCompare = new ArrayList<>();
        for (Operation operation : history.operations()) {
            OpKind kind = switch (operation.f()) {
                case "read" -> OpKind.READ;
                case "write" -> OpKind.WRITE;
                case "cas" -> OpKind.CAS;
                default -> throw new UnsupportedHistoryException(history.where(operation.invocation())
                        + " is a " + operation.f() + "; the sequential checker handles read, write and cas");
            };
            if (kind == OpKind.CAS && !(operation.invoke().value() instanceof List<?> swap && swap.size() == 2)) {
                throw new UnsupportedHistoryException(history.where(operation.invocation())
                        + " is a cas of " + Values.describe(operation.invoke().value())
                        + "; a cas takes [expected new]");
            }
            boolean keep = switch (operation.outcome()) {
                case OK -> kind != OpKind.READ || operation.value() != null || !semantics.nilReadTellsNothing();
                case FAIL -> kind == OpKind.CAS && semantics.failedCasComparedFalse();
                default -> kind != OpKind.READ;
            };
            if (keep) {
                selected.add(operation);
                kinds.add(kind);
                optional.add(!operation.isOk() && !operation.isFail());
                failedCompare.add(operation.isFail());
            }
        }
        return new SequentialHistory(ObservedOps.of(history, selected, kinds), toArray(optional), toArray(failedCompare));
    }

    private static boolean[] toArray(List<Boolean> flags) {
        boolean[] array = new boolean[flags.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = flags.get(i);
        }
        return array;
    }

    /** The value a write or cas writes. */
    Object written(int node) {
        Object value = ops.value(node);
        return ops.kind(node) == OpKind.CAS ? ((List<?>) value).get(1) : value;
    }

    /** The value a cas expects. */
    Object expected(int node) {
        return ((List<?>) ops.value(node)).get(0);
    }
}
