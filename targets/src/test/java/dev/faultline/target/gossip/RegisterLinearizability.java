package dev.faultline.target.gossip;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A test-local brute-force linearizability check for one read/write register (initial value
 * null), for the short histories of simulation runs: a depth-first search for an order of the
 * operations that respects real time and the register's semantics (Wing and Gong), memoised on
 * (operations placed, register value) as in Lowe's refinement. An {@code ok} operation must be
 * placed; an {@code info} write may be placed anywhere after its invocation or never; failed
 * operations and {@code info} reads are ignored.
 */
final class RegisterLinearizability {
    private record Call(long invokeNanos, long completeNanos, boolean write, Object value, boolean required) {}

    private final List<Call> calls = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    private long budget = 5_000_000;

    private RegisterLinearizability(List<Op> history, Object key) {
        Map<Integer, Op> open = new HashMap<>();
        for (Op op : history) {
            if (!Objects.equals(op.key(), key) || op.process() < 0) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), op);
                continue;
            }
            Op invoke = open.remove(op.process());
            boolean write = op.f().equals("write");
            if (op.type() == OpType.OK) {
                calls.add(new Call(invoke.timeNanos(), op.timeNanos(), write, op.value(), true));
            } else if (op.type() == OpType.INFO && write) {
                calls.add(new Call(invoke.timeNanos(), Long.MAX_VALUE, true, op.value(), false));
            }
        }
        for (Op invoke : open.values()) {
            if (invoke.f().equals("write")) {
                calls.add(new Call(invoke.timeNanos(), Long.MAX_VALUE, true, invoke.value(), false));
            }
        }
    }

    /**
     * @return null when the key's history is linearizable, else a line saying why not
     * @throws IllegalStateException when the search runs out of its step budget
     */
    static String check(List<Op> history, Object key) {
        RegisterLinearizability check = new RegisterLinearizability(history, key);
        if (check.calls.size() > 2_000) {
            throw new IllegalStateException("history too long for the brute-force check: " + check.calls.size());
        }
        return check.search(new BitSet(), null) ? null
                : "no linearization of the " + check.calls.size() + " operations on key " + key;
    }

    private boolean search(BitSet placed, Object value) {
        if (--budget < 0) {
            throw new IllegalStateException("linearizability search exceeded its budget");
        }
        long deadline = Long.MAX_VALUE;
        boolean requiredLeft = false;
        for (int i = placed.nextClearBit(0); i < calls.size(); i = placed.nextClearBit(i + 1)) {
            if (calls.get(i).required()) {
                requiredLeft = true;
                deadline = Math.min(deadline, calls.get(i).completeNanos());
            }
        }
        if (!requiredLeft) {
            return true;
        }
        if (!visited.add(placed + "|" + value)) {
            return false;
        }
        for (int i = placed.nextClearBit(0); i < calls.size(); i = placed.nextClearBit(i + 1)) {
            Call call = calls.get(i);
            if (call.invokeNanos() > deadline) {
                continue; // some unplaced operation completed before this one began
            }
            if (!call.write() && !Objects.equals(call.value(), value)) {
                continue;
            }
            placed.set(i);
            boolean found = search(placed, call.write() ? call.value() : value);
            placed.clear(i);
            if (found) {
                return true;
            }
        }
        return false;
    }
}
