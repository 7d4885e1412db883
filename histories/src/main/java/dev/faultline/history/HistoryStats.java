package dev.faultline.history;

import dev.faultline.history.io.OpReader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Figures about a history, computed in one streaming pass that holds one event at a time plus
 * the sets of processes and keys: event and operation counts by function and outcome, processes,
 * keys, time span, the largest number of operations in progress at once, and crashed ({@code
 * info}) operations. Validates the history as it goes (see {@link PairingTracker}).
 *
 * @param events every event, nemesis events included
 * @param nemesisEvents events of the nemesis
 * @param outcomes for each {@code f}, how many operations ended ok, fail and info; an operation
 *     that never completed counts as info
 * @param processes distinct client processes
 * @param keys distinct keys; 0 when no op has a key
 * @param firstTimeNanos the earliest time, or {@link Op#NO_TIME}
 * @param lastTimeNanos the latest time, or {@link Op#NO_TIME}
 * @param concurrencyMax the most client operations in progress at once
 * @param neverCompleted invocations without a completion (counted among info)
 */
public record HistoryStats(
        long events,
        long nemesisEvents,
        Map<String, Outcomes> outcomes,
        int processes,
        int keys,
        long firstTimeNanos,
        long lastTimeNanos,
        int concurrencyMax,
        int neverCompleted) {

    /** Operation counts by outcome for one function. */
    public record Outcomes(long ok, long fail, long info) {
        public long total() {
            return ok + fail + info;
        }

        Outcomes plus(OpType type) {
            return switch (type) {
                case OK -> new Outcomes(ok + 1, fail, info);
                case FAIL -> new Outcomes(ok, fail + 1, info);
                case INFO -> new Outcomes(ok, fail, info + 1);
                case INVOKE -> throw new IllegalArgumentException("an invocation is not an outcome");
            };
        }
    }

    /** Operations (not events) over every function. */
    public long operations() {
        return outcomes.values().stream().mapToLong(Outcomes::total).sum();
    }

    /** Operations that ended info, the never-completed ones included. */
    public long crashed() {
        return outcomes.values().stream().mapToLong(Outcomes::info).sum();
    }

    /** Reads every remaining event of the reader. */
    public static HistoryStats of(OpReader reader) throws IOException {
        PairingTracker tracker = new PairingTracker(reader.source());
        Map<String, Outcomes> outcomes = new TreeMap<>();
        Set<Integer> processes = new HashSet<>();
        Set<Object> keys = new HashSet<>();
        long events = 0;
        long nemesisEvents = 0;
        long firstTime = Op.NO_TIME;
        long lastTime = Op.NO_TIME;
        int concurrencyMax = 0;
        int position = 0;
        Op op;
        while ((op = reader.next()) != null) {
            tracker.accept(op, position++, reader.line());
            events++;
            if (op.hasTime()) {
                firstTime = firstTime == Op.NO_TIME ? op.timeNanos() : Math.min(firstTime, op.timeNanos());
                lastTime = Math.max(lastTime, op.timeNanos());
            }
            if (op.isNemesis()) {
                nemesisEvents++;
                continue;
            }
            processes.add(op.process());
            if (op.key() != null) {
                keys.add(op.key());
            }
            if (op.type() == OpType.INVOKE) {
                concurrencyMax = Math.max(concurrencyMax, tracker.openCount());
            } else {
                outcomes.merge(op.f(), new Outcomes(0, 0, 0).plus(op.type()), HistoryStats::sum);
            }
        }
        int neverCompleted = 0;
        for (PairingTracker.Pending pending : tracker.open()) {
            outcomes.merge(pending.f(), new Outcomes(0, 0, 1), HistoryStats::sum);
            neverCompleted++;
        }
        return new HistoryStats(events, nemesisEvents, outcomes, processes.size(), keys.size(),
                firstTime, lastTime, concurrencyMax, neverCompleted);
    }

    private static Outcomes sum(Outcomes a, Outcomes b) {
        return new Outcomes(a.ok() + b.ok(), a.fail() + b.fail(), a.info() + b.info());
    }
}
