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
    private final Map<S, Integer> stateIds = new HashMap<>();
    private final List<S> states = new ArrayList<>();

    InternedStates(Model<S> model, int expectedTransitions, MemoryBudget budget) {
        super(model, expectedTransitions, budget);
        this.model = model;
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
    int computeStep(int state, int opClass) {
        S next = model.step(states.get(state), call(opClass));
        return next == null ? ILLEGAL : intern(next);
    }

    int intern(S state) {
        Integer known = stateIds.get(state);
        if (known != null) {
            return known;
        }
        reserve(STATE_BYTES);
        int id = states.size();
        states.add(state);
        stateIds.put(state, id);
        return id;
    }
}
