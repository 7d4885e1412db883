package dev.faultline.harness.workload;

import dev.faultline.checker.CheckerOptions;
import dev.faultline.harness.generator.Generator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the clients do to the system, and how the history is checked (DESIGN.md §8). Written
 * values are always unique, so that a read names the write it observed.
 */
public interface Workload {

    /** The name on the command line: register, kv, set, append. */
    String name();

    /**
     * The operations of the main phase, without end; the runner adds the rate and the time
     * limit. A pure function of the thread count and the seed.
     */
    Generator generator(int threadCount, long seed);

    /**
     * True when operations carry keys: the final phase then reads every key the run touched;
     * otherwise it reads the single object.
     */
    boolean keyed();

    /** The functions it invokes, so that a client can refuse a workload it cannot serve before the run. */
    Set<String> functions();

    /** The checkers that fit its histories, best first, by registry name. */
    List<String> checkers();

    /** The options those checkers need (the model, ...). */
    CheckerOptions checkerOptions();

    /** Its options as they were applied, defaults included, for {@code test.json}. */
    Map<String, Object> describe();
}
