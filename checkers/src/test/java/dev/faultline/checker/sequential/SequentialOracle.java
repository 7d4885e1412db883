package dev.faultline.checker.sequential;

import dev.faultline.checker.OracleInput;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sequential consistency by brute force on tiny histories: tries every interleaving of the
 * sessions' operations (each indeterminate write or cas placed or left out) against a map of
 * registers. With {@code realTime}, an operation that completed before another was invoked must
 * also come first: linearizability, for the tests that tell the two apart. Own preprocessing:
 * {@link OracleInput}; nil is the initial value.
 */
final class SequentialOracle {
    private record Step(Operation operation, boolean optional) {}

    private final List<List<Step>> sessions = new ArrayList<>();
    private final boolean realTime;

    SequentialOracle(History history, boolean realTime) {
        this.realTime = realTime;
        List<List<Step>> bySession = new ArrayList<>();
        OracleInput.forEachKept(history, (operation, session) -> {
            if (session == bySession.size()) {
                bySession.add(new ArrayList<>());
            }
            bySession.get(session).add(new Step(operation, !operation.isOk()));
        });
        sessions.addAll(bySession);
    }

    boolean sequential() {
        return search(new int[sessions.size()], new HashMap<>(), new ArrayList<>());
    }

    private boolean search(int[] frontier, Map<Object, Object> state, List<Operation> placed) {
        boolean done = true;
        for (int session = 0; session < sessions.size(); session++) {
            if (frontier[session] == sessions.get(session).size()) {
                continue;
            }
            done = false;
            Step step = sessions.get(session).get(frontier[session]);
            frontier[session]++;
            if (realTimeAllows(step.operation(), frontier)) {
                Map<Object, Object> next = apply(step.operation(), state);
                if (next != null) {
                    placed.add(step.operation());
                    boolean found = search(frontier, next, placed);
                    placed.remove(placed.size() - 1);
                    if (found) {
                        frontier[session]--;
                        return true;
                    }
                }
            }
            if (step.optional() && search(frontier, state, placed)) {
                frontier[session]--;
                return true;
            }
            frontier[session]--;
        }
        return done;
    }

    /** Under real time, no unplaced operation may have completed before this one was invoked. */
    private boolean realTimeAllows(Operation operation, int[] frontier) {
        if (!realTime) {
            return true;
        }
        for (int session = 0; session < sessions.size(); session++) {
            for (int position = frontier[session]; position < sessions.get(session).size(); position++) {
                Step other = sessions.get(session).get(position);
                if (other.operation() != operation && !other.optional()
                        && other.operation().completion() >= 0 && other.operation().completion() < operation.invocation()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The registers after the operation, or null when its result is impossible here. */
    private static Map<Object, Object> apply(Operation operation, Map<Object, Object> state) {
        Object current = state.get(operation.key());
        Map<Object, Object> next = new HashMap<>(state);
        switch (operation.f()) {
            case "read" -> {
                return Objects.equals(current, operation.value()) ? state : null;
            }
            case "write" -> next.put(operation.key(), operation.invoke().value());
            case "cas" -> {
                List<?> swap = (List<?>) operation.invoke().value();
                if (!Objects.equals(current, swap.get(0))) {
                    return null;
                }
                next.put(operation.key(), swap.get(1));
            }
            default -> throw new IllegalArgumentException(operation.f());
        }
        return next;
    }
}
