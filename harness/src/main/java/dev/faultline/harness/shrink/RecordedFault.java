package dev.faultline.harness.shrink;

import dev.faultline.nemesis.schedule.ScriptWriter;
import java.util.Map;

/**
 * A fault a run applied, as {@code faults.jsonl} recorded it: its id in the run's schedule, when
 * its start and its heal began (counted from the main phase start) and what it was, with node
 * names ({@code Fault.describe()}).
 */
record RecordedFault(int id, long startNanos, long healNanos, Map<String, Object> applied) {
    RecordedFault {
        if (healNanos <= startNanos) {
            throw new IllegalArgumentException("fault " + id + " heals at " + healNanos + " ns, not after its start at "
                    + startNanos + " ns");
        }
        applied = Map.copyOf(applied);
    }

    String kind() {
        return String.valueOf(applied.get("kind"));
    }

    /** The fault as a script line, which names it by its id in the run. */
    ScriptWriter.Entry entry() {
        return new ScriptWriter.Entry(startNanos, healNanos - startNanos, applied, "fault " + id + " of the run");
    }
}
