package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A set (Knossos {@code set}, Porcupine's set test): {@code add e}; {@code read} returns the whole
 * set, legal when it holds exactly the state's elements, each once. The state is an immutable set.
 */
final class SetModel implements Model<Set<Object>> {
    private final Semantics semantics;
    private final Set<Object> initial;

    SetModel(Semantics semantics) {
        this.semantics = semantics;
        Object given = semantics.initialOr(List.of());
        if (!(given instanceof Collection<?> elements)) {
            throw new IllegalArgumentException("--initial for the set model must be a JSON array, was " + Values.describe(given));
        }
        this.initial = Set.copyOf(distinct(elements));
    }

    private static List<Object> distinct(Collection<?> elements) {
        List<Object> list = new ArrayList<>(elements);
        if (new HashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("--initial for the set model repeats an element: " + Values.describe(list));
        }
        return list;
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Set<Object> initialState() {
        return initial;
    }

    @Override
    public Call interpret(Operation operation) {
        OpType outcome = operation.outcome();
        return switch (operation.f()) {
            case "add" -> {
                Object element = operation.invoke().value();
                if (element == null) {
                    throw new IllegalArgumentException("a set element must not be nil");
                }
                yield outcome == OpType.FAIL ? null : new Call(operation.key(), "add", element, null, outcome);
            }
            case "read" -> {
                if (outcome != OpType.OK) {
                    yield outcome == OpType.INFO ? new Call(operation.key(), "read", null, null, OpType.INFO) : null;
                }
                Object value = operation.complete().value();
                if (semantics.readTellsNothing(value)) {
                    yield null;
                }
                if (!(value instanceof List<?> elements) || elements.stream().anyMatch(Objects::isNull)) {
                    throw new IllegalArgumentException("a set read must return a list of non-nil elements, was " + Values.describe(value));
                }
                yield new Call(operation.key(), "read", null, value, OpType.OK);
            }
            default -> throw new IllegalArgumentException("model set has no function '" + operation.f() + "' (it knows add, read)");
        };
    }

    @Override
    public Set<Object> step(Set<Object> state, Call call) {
        if (call.f().equals("add")) {
            if (state.contains(call.input())) {
                return state;
            }
            Set<Object> next = new HashSet<>(state);
            next.add(call.input());
            return Set.copyOf(next);
        }
        if (call.isInfo()) {
            return state;
        }
        List<?> read = (List<?>) call.output();
        return read.size() == state.size() && state.containsAll(read) && new HashSet<>(read).size() == read.size()
                ? state : null;
    }

    @Override
    public boolean isReadOnly(Call call) {
        return call.f().equals("read");
    }

    @Override
    public String describeState(Set<Object> state) {
        List<String> elements = new ArrayList<>();
        for (Object element : state) {
            elements.add(Values.describe(element));
        }
        elements.sort(null);
        return "#{" + String.join(" ", elements) + "}";
    }

    /**
     * An {@code info} add of an element that no read returns can be left out: once added, an
     * element is in every later read, so a linearization with the add has no read after it, and
     * removing the add changes nothing else.
     */
    @Override
    public boolean[] unobservedInfo(List<Call> calls) {
        Set<Object> observed = new HashSet<>();
        for (Call call : calls) {
            if (call.f().equals("read") && call.output() instanceof List<?> elements) {
                observed.addAll(elements);
            }
        }
        boolean[] unobserved = new boolean[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            unobserved[i] = call.isInfo() && call.f().equals("add") && !observed.contains(call.input());
        }
        return unobserved;
    }
}
