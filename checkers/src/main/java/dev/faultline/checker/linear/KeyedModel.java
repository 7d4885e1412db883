package dev.faultline.checker.linear;

import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many independent objects of one model checked as one object, for {@code --no-partition}: the
 * state maps each key to its object's state (Porcupine's {@code kvNoPartitionModel}). Checking
 * per key instead is equivalent (locality, Herlihy and Wing) and much faster; this model exists
 * to compare with unpartitioned runs.
 */
final class KeyedModel<S> implements Model<KeyedModel.KeyedState<S>> {
    /** An immutable key → state map with its hash computed once, since the search hashes it often. */
    static final class KeyedState<S> {
        final Map<Object, S> states;
        private final int hash;

        KeyedState(Map<Object, S> states) {
            this.states = states;
            this.hash = states.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyedState<?> that && hash == that.hash && states.equals(that.states);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Model<S> base;

    KeyedModel(Model<S> base) {
        this.base = base;
    }

    Model<S> base() {
        return base;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public KeyedState<S> initialState() {
        return new KeyedState<>(Map.of());
    }

    @Override
    public Call interpret(Operation operation) {
        return base.interpret(operation);
    }

    private S stateOf(KeyedState<S> state, Object key) {
        S current = state.states.get(key);
        return current != null ? current : base.initialState();
    }

    @Override
    public KeyedState<S> step(KeyedState<S> state, Call call) {
        S current = stateOf(state, call.key());
        S next = base.step(current, call);
        if (next == null) {
            return null;
        }
        if (next.equals(current)) {
            return state;
        }
        // One representation per state: a key whose object is back at its initial state is absent.
        Map<Object, S> states = new HashMap<>(state.states);
        if (next.equals(base.initialState())) {
            states.remove(call.key());
        } else {
            states.put(call.key(), next);
        }
        return new KeyedState<>(states);
    }

    @Override
    public boolean isReadOnly(Call call) {
        return base.isReadOnly(call);
    }

    @Override
    public String describeState(KeyedState<S> state) {
        Map<String, String> sorted = new TreeMap<>();
        state.states.forEach((key, value) -> sorted.put(Values.describe(key), base.describeState(value)));
        List<String> entries = new ArrayList<>();
        sorted.forEach((key, value) -> entries.add(key + " " + value));
        return "{" + String.join(", ", entries) + "}";
    }

    @Override
    public String rejection(KeyedState<S> state, Call call) {
        return "key " + Values.describe(call.key()) + ": " + base.rejection(stateOf(state, call.key()), call);
    }

    /** Per key, as the base model says: objects with different keys cannot observe each other. */
    @Override
    public boolean[] unobservedInfo(List<Call> calls) {
        Map<Object, List<Integer>> positionsByKey = new LinkedHashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            positionsByKey.computeIfAbsent(calls.get(i).key(), key -> new ArrayList<>()).add(i);
        }
        boolean[] unobserved = new boolean[calls.size()];
        for (List<Integer> positions : positionsByKey.values()) {
            List<Call> group = new ArrayList<>(positions.size());
            for (int position : positions) {
                group.add(calls.get(position));
            }
            boolean[] groupUnobserved = base.unobservedInfo(group);
            for (int i = 0; i < positions.size(); i++) {
                unobserved[positions.get(i)] = groupUnobserved[i];
            }
        }
        return unobserved;
    }
}
