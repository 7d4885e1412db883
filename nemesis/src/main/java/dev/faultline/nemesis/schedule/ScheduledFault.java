package dev.faultline.nemesis.schedule;

/**
 * One fault of a schedule, in force from {@code startNanos} until {@code healNanos} (both since
 * the start of the main phase). Faults of one window start and heal together.
 *
 * @param id the fault's number in the schedule, from 0; pairs its start and heal in the records
 * @param window the number of the fault window it belongs to, from 0
 */
public record ScheduledFault(int id, int window, long startNanos, long healNanos, FaultPlan plan) {
    public ScheduledFault {
        if (id < 0 || window < 0 || startNanos < 0 || healNanos <= startNanos) {
            throw new IllegalArgumentException("bad scheduled fault " + id + ": window " + window + ", "
                    + startNanos + " ns to " + healNanos + " ns");
        }
    }
}
