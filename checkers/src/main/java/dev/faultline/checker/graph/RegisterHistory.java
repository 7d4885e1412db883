package dev.faultline.checker.graph;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A differentiated read/write register (or key-value) history: every write writes a value that no
 * other write of its key writes and that differs from the initial value, so each read names the
 * one write it read from (Bouajjani et al.: for data-independent stores, checking differentiated
 * histories loses nothing).
 *
 * <p>Observed operations ({@link #ops()}): every {@code ok} read and write, and every
 * indeterminate write whose value an {@code ok} read returned (it happened). Indeterminate writes
 * nobody read are left out: "never happened" is one of their possible outcomes, and it constrains
 * nothing. Failed operations did not happen; a read of a failed write's value is an aborted read.
 *
 * <p>{@link #readsFrom(int)} gives each read's write, or one of {@link #INITIAL},
 * {@link #THIN_AIR}, {@link #ABORTED}. Used by the causal, session and sequential checkers.
 */
public final class RegisterHistory {
    /** {@link #readsFrom(int)} of a read that returned the initial value. */
    public static final int INITIAL = -1;
    /** {@link #readsFrom(int)} of a read whose value no write wrote. */
    public static final int THIN_AIR = -2;
    /** {@link #readsFrom(int)} of a read whose value only a failed write wrote. */
    public static final int ABORTED = -3;

    private final ObservedOps ops;
    private final int[] readsFrom;
    private final Map<Integer, Operation> abortedWriteByRead;

    private RegisterHistory(ObservedOps ops, int[] readsFrom, Map<Integer, Operation> abortedWriteByRead) {
        this.ops = ops;
        this.readsFrom = readsFrom;
        this.abortedWriteByRead = abortedWriteByRead;
    }

    /**
     * Indexes a history of {@code read} and {@code write} operations.
     *
     * @throws UnsupportedHistoryException for another function, a value written twice to one key,
     *     or a write of the initial value
     */
    public static RegisterHistory of(History history, Object initialValue) throws UnsupportedHistoryException {
        UpdateIndex writers = new UpdateIndex(history);
        Set<KeyValue> returned = new HashSet<>();
        for (Operation operation : history.operations()) {
            switch (operation.f()) {
                case "write" -> {
                    if (Objects.equals(operation.invoke().value(), initialValue)) {
                        throw new UnsupportedHistoryException(history.where(operation.invocation()) + " writes "
                                + Values.describe(initialValue) + ", the initial value: a read of it would be ambiguous");
                    }
                    writers.add(operation);
                }
                case "read" -> {
                    if (operation.isOk()) {
                        returned.add(new KeyValue(operation.key(), operation.value()));
                    }
                }
                default -> throw new UnsupportedHistoryException(history.where(operation.invocation()) + " is a "
                        + operation.f() + "; register checks handle read and write only");
            }
        }
        List<Operation> selected = new ArrayList<>();
        List<OpKind> kinds = new ArrayList<>();
        for (Operation operation : history.operations()) {
            boolean write = operation.f().equals("write");
            boolean observed = operation.isOk()
                    || (write && operation.isInfo() && returned.contains(new KeyValue(operation.key(), operation.invoke().value())));
            if (observed) {
                selected.add(operation);
                kinds.add(write ? OpKind.WRITE : OpKind.READ);
            }
        }
        ObservedOps ops = ObservedOps.of(history, selected, kinds);
        Map<KeyValue, Integer> writeNodes = new HashMap<>();
        for (int node = 0; node < ops.size(); node++) {
            if (ops.kind(node) == OpKind.WRITE) {
                writeNodes.put(new KeyValue(ops.operation(node).key(), ops.value(node)), node);
            }
        }
        int[] readsFrom = new int[ops.size()];
        Map<Integer, Operation> abortedWriteByRead = new HashMap<>();
        for (int node = 0; node < ops.size(); node++) {
            readsFrom[node] = INITIAL;
            if (ops.kind(node) != OpKind.READ || Objects.equals(ops.value(node), initialValue)) {
                continue;
            }
            Object key = ops.operation(node).key();
            Integer writer = writeNodes.get(new KeyValue(key, ops.value(node)));
            Operation anyWriter = writers.updateOf(key, ops.value(node));
            if (writer != null) {
                readsFrom[node] = writer;
            } else if (anyWriter != null) {
                readsFrom[node] = ABORTED;
                abortedWriteByRead.put(node, anyWriter);
            } else {
                readsFrom[node] = THIN_AIR;
            }
        }
        return new RegisterHistory(ops, readsFrom, abortedWriteByRead);
    }


    public ObservedOps ops() {
        return ops;
    }

    /**
     * For a read node: the write node it read from, or {@link #INITIAL}, {@link #THIN_AIR} or
     * {@link #ABORTED}. For a write node: {@link #INITIAL} (meaningless).
     */
    public int readsFrom(int node) {
        return readsFrom[node];
    }

    /** For an {@link #ABORTED} read: the failed write whose value it returned. */
    public Operation abortedWrite(int read) {
        return abortedWriteByRead.get(read);
    }

    /** The edges of program order (consecutive nodes of each session) and reads-from. */
    public Digraph.Builder causalOrder() {
        Digraph.Builder graph = ProgramOrder.edges(ops);
        for (int node = 0; node < ops.size(); node++) {
            if (ops.kind(node) == OpKind.READ && readsFrom[node] >= 0) {
                graph.add(readsFrom[node], node, Relation.READS_FROM);
            }
        }
        return graph;
    }

    private record KeyValue(Object key, Object value) {}
}
