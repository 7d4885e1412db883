package dev.faultline.harness.bench;

import java.util.Locale;

/**
 * What {@link SyntheticHistories} generates: a seeded, concurrent history of an in-memory store
 * whose operations take effect atomically when they complete, so that it is linearizable (hence
 * sequential, causal and every session guarantee) unless reads are made stale on purpose.
 *
 * @param kind {@code register} (read/write of unique values per key), {@code set} (add, read the
 *     whole set) or {@code append} (append, read the whole list)
 * @param operations how many operations (each an invocation and a completion)
 * @param processes how many concurrent client processes
 * @param keysInFlight how many keys are in use at once
 * @param operationsPerKey after how many operations the keys in use move on to fresh ones, which
 *     keeps sets and lists short and each key contended (Jepsen's independent keys)
 * @param readFraction the share of operations that are reads
 * @param staleReadProbability the chance that a read returns an older state of its key
 *     (registers: an earlier value; sets and lists: a shorter prefix), to make violations
 * @param infoProbability the chance that an operation ends indeterminate (its process then
 *     continues under a new id, as in Jepsen); an indeterminate update takes effect half the time
 * @param seed the seed; one seed, one history
 */
public record SyntheticWorkload(String kind, int operations, int processes, int keysInFlight, int operationsPerKey,
        double readFraction, double staleReadProbability, double infoProbability, long seed) {

    public SyntheticWorkload {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("register") && !kind.equals("set") && !kind.equals("append")) {
            throw new IllegalArgumentException("--workload must be register, set or append, was " + kind);
        }
        require(operations >= 1, "--ops must be >= 1, was " + operations);
        require(processes >= 1, "--processes must be >= 1, was " + processes);
        require(keysInFlight >= 1, "--keys must be >= 1, was " + keysInFlight);
        require(operationsPerKey >= 1, "--ops-per-key must be >= 1, was " + operationsPerKey);
        require(readFraction >= 0 && readFraction <= 1, "--read-fraction must be in [0, 1], was " + readFraction);
        require(staleReadProbability >= 0 && staleReadProbability <= 1,
                "--stale-read-probability must be in [0, 1], was " + staleReadProbability);
        require(infoProbability >= 0 && infoProbability <= 1, "--info-probability must be in [0, 1], was " + infoProbability);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
