package dev.faultline.checker.linear;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * The dumb twin of the search (etcd raft's {@code quorum/quick_test.go} idea): tries every order
 * of the operations that respects real time, with every subset of the {@code info} operations, and
 * applies the model step by step. No memo, no chains, no pruning, no event ranks: real-time order
 * comes straight from the history (times when every event has one, closed intervals; else file
 * positions). Only for histories of a handful of operations.
 */
final class BruteForceOracle {
    private final Model<Object> model;
    private final List<Call> calls = new ArrayList<>();
    private final List<Boolean> required = new ArrayList<>();
    private boolean[][] mustPrecede;

    @SuppressWarnings("unchecked")
    private BruteForceOracle(Model<?> model) {
        this.model = (Model<Object>) model;
    }

    /** Whether the whole history (one object) is linearizable under the model. */
    static boolean linearizable(History history, Model<?> model) {
        return new BruteForceOracle(model).decide(history);
    }

    private boolean decide(History history) {
        List<Operation> kept = new ArrayList<>();
        for (Operation operation : history.operations()) {
            Call call = model.interpret(operation);
            if (call != null) {
                kept.add(operation);
                calls.add(call);
                required.add(!operation.isInfo());
            }
        }
        if (kept.size() > 12) {
            throw new IllegalArgumentException("the oracle is exponential; keep histories small, not " + kept.size());
        }
        boolean times = history.hasTimes();
        mustPrecede = new boolean[kept.size()][kept.size()];
        for (int a = 0; a < kept.size(); a++) {
            for (int b = 0; b < kept.size(); b++) {
                Operation first = kept.get(a);
                Operation second = kept.get(b);
                if (a != b && !first.isInfo()) {
                    mustPrecede[a][b] = times
                            ? first.complete().timeNanos() < second.invoke().timeNanos()
                            : first.completion() < second.invocation();
                }
            }
        }
        return search(new boolean[kept.size()], model.initialState());
    }

    private boolean search(boolean[] placed, Object state) {
        boolean done = true;
        for (int op = 0; op < placed.length; op++) {
            if (!placed[op] && required.get(op)) {
                done = false;
            }
        }
        if (done) {
            return true;
        }
        for (int op = 0; op < placed.length; op++) {
            if (placed[op] || !predecessorsPlaced(placed, op)) {
                continue;
            }
            Object next = model.step(state, calls.get(op));
            if (next != null) {
                placed[op] = true;
                boolean found = search(placed, next);
                placed[op] = false;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean predecessorsPlaced(boolean[] placed, int op) {
        for (int before = 0; before < placed.length; before++) {
            if (mustPrecede[before][op] && !placed[before]) {
                return false;
            }
        }
        return true;
    }
}
