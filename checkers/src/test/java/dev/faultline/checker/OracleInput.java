package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.HashMap;
import java.util.Map;

/**
 * The preprocessing every brute-force oracle shares, written once and apart from the checkers'
 * own: Jepsen's reading of a history. A failed operation did not happen; an indeterminate read
 * tells nothing; an indeterminate update is kept (it may have happened); and a process starts a
 * new session after each indeterminate operation.
 */
public final class OracleInput {
    /** Receives each kept operation with its session number (dense, in order of first appearance). */
    public interface Visitor {
        void accept(Operation operation, int session);
    }

    private OracleInput() {}

    public static void forEachKept(History history, Visitor visitor) {
        Map<Integer, Integer> epochs = new HashMap<>();
        Map<Long, Integer> sessions = new HashMap<>();
        for (Operation operation : history.operations()) {
            int epoch = epochs.getOrDefault(operation.process(), 0);
            if (operation.isInfo()) {
                epochs.put(operation.process(), epoch + 1);
            }
            boolean read = operation.f().equals("read");
            if (operation.isFail() || (read && !operation.isOk())) {
                continue;
            }
            int session = sessions.computeIfAbsent(((long) operation.process() << 32) | epoch, k -> sessions.size());
            visitor.accept(operation, session);
        }
    }
}
