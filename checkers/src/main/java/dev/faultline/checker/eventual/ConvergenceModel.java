package dev.faultline.checker.eventual;

import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code convergence} checker needs to know about one data type (notes §9.4 step 3): the
 * state a read returns, and which final states are acceptable given the updates. One instance
 * serves one check and accumulates its statistics over the keys.
 */
interface ConvergenceModel {

    /** The model's name as given to {@code --model}. */
    String name();

    /**
     * The state a read returned, compared with {@code equals} across nodes.
     *
     * @throws UnsupportedHistoryException when the value is not of the model's type
     */
    Object stateOf(Operation read);

    /** A short rendering of a state for explanations; the value itself unless the model says otherwise. */
    default String describe(Object state) {
        return Values.describe(state);
    }

    /**
     * Checks one key's final states against its updates, adding what is wrong to the findings.
     *
     * @param history the whole history, which names lines in messages
     * @param operations the key's operations in invocation order
     * @param finalReads the key's final reads; never empty
     */
    void checkKey(History history, Object key, List<Operation> operations, FinalReads finalReads, AnomalyLog findings);

    /** Adds this model's statistics, over every key checked, to the verdict's. */
    void addStats(Map<String, Object> stats);

    /** Why the model could not decide some final state although nothing was found wrong, if so. */
    default Optional<String> undecided() {
        return Optional.empty();
    }
}
