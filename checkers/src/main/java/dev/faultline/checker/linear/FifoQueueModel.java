package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A FIFO queue (Knossos {@code fifo-queue}): {@code enqueue v} appends; an {@code ok dequeue}
 * returns the head and removes it, or returns nil when the queue is empty. An {@code info}
 * dequeue removes the head if there is one. The state is an immutable list, head first.
 */
final class FifoQueueModel implements Model<List<Object>> {
    private final List<Object> initial;

    FifoQueueModel(Semantics semantics) {
        Object given = semantics.initialOr(List.of());
        if (!(given instanceof List<?> elements)) {
            throw new IllegalArgumentException("--initial for the fifo-queue model must be a JSON array, was " + Values.describe(given));
        }
        this.initial = List.copyOf(elements);
    }

    @Override
    public String name() {
        return "fifo-queue";
    }

    @Override
    public List<Object> initialState() {
        return initial;
    }

    @Override
    public Call interpret(Operation operation) {
        OpType outcome = operation.outcome();
        return switch (operation.f()) {
            case "enqueue" -> {
                Object value = operation.invoke().value();
                if (value == null) {
                    throw new IllegalArgumentException("an enqueued value must not be nil (a dequeue of nil means the queue was empty)");
                }
                yield outcome == OpType.FAIL ? null : new Call(operation.key(), "enqueue", value, null, outcome);
            }
            case "dequeue" -> outcome == OpType.FAIL ? null
                    : new Call(operation.key(), "dequeue", null,
                            outcome == OpType.OK ? operation.complete().value() : null, outcome);
            default -> throw new IllegalArgumentException("model fifo-queue has no function '" + operation.f()
                    + "' (it knows enqueue, dequeue)");
        };
    }

    @Override
    public List<Object> step(List<Object> state, Call call) {
        if (call.f().equals("enqueue")) {
            List<Object> next = new ArrayList<>(state.size() + 1);
            next.addAll(state);
            next.add(call.input());
            return List.copyOf(next);
        }
        if (call.isInfo()) {
            return state.isEmpty() ? state : List.copyOf(state.subList(1, state.size()));
        }
        if (call.output() == null) {
            return state.isEmpty() ? state : null;
        }
        return !state.isEmpty() && Objects.equals(state.get(0), call.output()) ? List.copyOf(state.subList(1, state.size())) : null;
    }

    @Override
    public boolean isReadOnly(Call call) {
        // A dequeue of nil only checks that the queue is empty.
        return call.f().equals("dequeue") && call.outcome() == OpType.OK && call.output() == null;
    }

    @Override
    public String describeState(List<Object> state) {
        return Values.describe(state);
    }

    @Override
    public String rejection(List<Object> state, Call call) {
        if (call.f().equals("dequeue")) {
            return "dequeue returned " + Values.describe(call.output()) + ", but the queue is " + describeState(state);
        }
        return Model.super.rejection(state, call);
    }

    /**
     * With no {@code info} dequeue in the partition, an {@code info} enqueue of a value no dequeue
     * returns can be left out: nothing behind it can ever be dequeued (FIFO), and the queue is
     * never empty again, so no later dequeue reads past it or sees the queue empty.
     */
    @Override
    public boolean[] unobservedInfo(List<Call> calls) {
        boolean[] unobserved = new boolean[calls.size()];
        List<Object> dequeued = new ArrayList<>();
        for (Call call : calls) {
            if (call.f().equals("dequeue")) {
                if (call.isInfo()) {
                    return unobserved;
                }
                dequeued.add(call.output());
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            unobserved[i] = call.isInfo() && call.f().equals("enqueue") && !dequeued.contains(call.input());
        }
        return unobserved;
    }
}
