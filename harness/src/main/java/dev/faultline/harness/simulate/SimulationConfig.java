package dev.faultline.harness.simulate;

/**
 * What {@link StoreSimulation} generates.
 *
 * @param operations how many operations to invoke
 * @param keys how many independent registers; 1 means a single register and no key field
 * @param processes how many client processes run at once
 * @param seed the seed of every random choice: the same config gives the same history
 * @param uniqueValues every write (and CAS) writes a value never written before on its key
 * @param cas mix compare-and-set operations in with reads and writes
 * @param readFraction the share of operations that are reads
 * @param crashRate the share of operations that time out ({@code info}); a crashed write or CAS
 *     takes effect with probability 1/2, and its process is replaced by a new one, as in Jepsen
 * @param valueRange values are drawn from 0 … valueRange − 1 when they are not unique
 * @param violation the violation to inject, if any
 * @param violationAt where to inject it, as a fraction of the operations (0 … 1)
 */
public record SimulationConfig(
        long operations,
        int keys,
        int processes,
        long seed,
        boolean uniqueValues,
        boolean cas,
        double readFraction,
        double crashRate,
        int valueRange,
        Violation violation,
        double violationAt) {

    /** A violation the simulation can inject into an otherwise linearizable history. */
    public enum Violation {
        NONE,
        /** A read returns a value that was overwritten before it began (needs unique values). */
        STALE_READ,
        /** A read returns a value nobody wrote. */
        PHANTOM_READ
    }

    public SimulationConfig {
        require(operations >= 0, "--ops must not be negative");
        require(keys >= 1, "--keys must be at least 1");
        require(processes >= 1, "--processes must be at least 1");
        require(readFraction >= 0 && readFraction <= 1, "--read-fraction must be between 0 and 1");
        require(crashRate >= 0 && crashRate <= 1, "--crash-rate must be between 0 and 1");
        require(valueRange >= 1, "--value-range must be at least 1");
        require(violationAt >= 0 && violationAt <= 1, "--violation-at must be between 0 and 1");
        require(violation != Violation.STALE_READ || uniqueValues, "--violation stale-read needs --unique-values");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
