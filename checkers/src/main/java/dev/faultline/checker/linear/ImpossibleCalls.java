package dev.faultline.checker.linear;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a call no state of a register can allow, in one pass: a register only ever holds its
 * initial value or a value some write or CAS of the partition wrote, so an {@code ok} read of
 * any other value, or an {@code ok} CAS expecting one, cannot be linearized in any order, and is
 * by itself a violation. Porcupine and Knossos find such a read only after exhausting every order
 * of the operations before it, which with a few crashed writes never ends.
 */
final class ImpossibleCalls {
    private ImpossibleCalls() {}

    /** The op id of an impossible call, or -1 (also when the model is not a plain value register). */
    static int find(CompiledPartition partition) {
        if (!(partition.model() instanceof ValueRegister register)) {
            return -1;
        }
        Set<Object> written = new HashSet<>();
        written.add(register.initialState());
        for (int op = 0; op < partition.size; op++) {
            Call call = partition.ops[op].call();
            switch (register.kind(call)) {
                case APPEND -> {
                    return -1;
                }
                case WRITE -> written.add(register.stateOf(call.input()));
                case CAS -> written.add(register.stateOf(((List<?>) call.input()).get(1)));
                default -> { }
            }
        }
        for (int op = 0; op < partition.size; op++) {
            Call call = partition.ops[op].call();
            if (call.outcome() != dev.faultline.history.OpType.OK) {
                continue;
            }
            Object needed = switch (register.kind(call)) {
                case READ -> register.stateOf(call.output());
                case CAS -> register.stateOf(((List<?>) call.input()).get(0));
                default -> null;
            };
            if (needed != null && !written.contains(needed)) {
                return op;
            }
        }
        return -1;
    }
}
