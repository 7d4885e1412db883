package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** States as the model's own immutable objects, interned to ints by {@code equals}. */
final class InternedStates<S> extends StateSpace {
    /** A rough size of one interned state and its map entry, for the memory budget. */
    private static final long STATE_BYTES = 96;

    private final Model<S> model;
    private final Map<S, Integer> stateIds;
    private final List<S> states;
    private final List<Transition<S>> transitions;

    InternedStates(Model<S> model, int expectedTransitions, MemoryBudget budget) {
        super(model, expectedTransitions, budget);
        this.model = model;
        this.stateIds = new HashMap<>(expectedTransitions * 2);
        this.states = new ArrayList<>(expectedTransitions);
        this.transitions = new ArrayList<>(expectedTransitions);
        intern(model.initialState());
    }

    @Override
    int initialState() {
        return 0;
    }

    @Override
    int stateCount() {
        return states.size();
    }

    S state(int id) {
        return states.get(id);
    }

    @Override
    void classAdded(int opClass, Call call) {
        transitions.add(model.compile(call));
    }

    @Override
    int computeStep(int state, int opClass) {
        S next = transitions.get(opClass).apply(states.get(state));
        return next == null ? ILLEGAL : intern(next);
    }

    int intern(S state) {
        Integer known = stateIds.get(state);
        if (known != null) {
            return known;
        }
        reservation().reserve(STATE_BYTES);
        int id = states.size();
        states.add(state);
        stateIds.put(state, id);
        return id;
    }
}
