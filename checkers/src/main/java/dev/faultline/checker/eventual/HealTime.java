package dev.faultline.checker.eventual;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.List;
import java.util.Map;

/**
 * Where the time to convergence is measured from (notes §9.4 step 4): the last nemesis event
 * before the final phase, which in a faultline run is the final heal of every fault. A history
 * without nemesis events is measured from the start of the final phase instead, and says so.
 *
 * @param time the reference time, on the {@link OpClock}
 * @param reference {@code heal} or {@code final-phase-start}
 */
record HealTime(long time, String reference) {

    /** The reference for a history whose final phase begins with the first final read; null if it has none. */
    static HealTime of(History history, Map<Object, List<Operation>> byKey, OpClock clock) {
        int finalPhaseStart = Integer.MAX_VALUE;
        for (List<Operation> operations : byKey.values()) {
            for (Operation operation : operations) {
                if (KeyedOperations.isFinalRead(operation)) {
                    finalPhaseStart = Math.min(finalPhaseStart, operation.invocation());
                    break;
                }
            }
        }
        if (finalPhaseStart == Integer.MAX_VALUE) {
            return null;
        }
        for (int position = finalPhaseStart - 1; position >= 0; position--) {
            if (history.get(position).isNemesis()) {
                return new HealTime(clock.at(history, position), "heal");
            }
        }
        return new HealTime(clock.at(history, finalPhaseStart), "final-phase-start");
    }
}
