package dev.faultline.harness.shrink;

import dev.faultline.nemesis.schedule.FaultSchedule;
import dev.faultline.nemesis.schedule.ScheduledFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults a run applied, read from its {@code faults.jsonl}, ready to be written as a nemesis
 * script ({@code faultline shrink}). Each start is paired with the heal of the same fault id, or
 * with the {@code heal-all} that ended the main phase (a run stopped early); a fault still open
 * when the file ends (a run that crashed) lasts until the end of the main phase. Times are when
 * each action began ({@code phaseNanos}); a run recorded before that field existed falls back to
 * the times its schedule planned, which its configuration gives again.
 *
 * <p>A start that failed is left out, and said so: without {@code applied} nothing was applied
 * (its plan could not be resolved, e.g. no node to target); with it, the nemesis refused or failed
 * part-way, and replaying it whole would inject a fault the failing run did not have for sure.
 *
 * @param leftOut one line per start left out, naming the fault and why
 */
record RecordedFaults(List<RecordedFault> applied, List<String> leftOut) {
    RecordedFaults {
        applied = List.copyOf(applied);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * @param lines {@code faults.jsonl}, one map per line
     * @param schedule the run's schedule, for the times of lines without {@code phaseNanos}
     * @param mainPhaseNanos the length of the main phase
     */
    static RecordedFaults read(List<Map<String, Object>> lines, FaultSchedule schedule, long mainPhaseNanos) {
        Map<Integer, Map<String, Object>> open = new LinkedHashMap<>();
        Map<Integer, Long> started = new LinkedHashMap<>();
        List<RecordedFault> applied = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            String action = String.valueOf(line.get("action"));
            int id = line.get("fault") instanceof Number number ? number.intValue() : -1;
            switch (action) {
                case "start" -> {
                    if (line.get("error") != null) {
                        leftOut.add("fault " + id + " (" + line.get("kind") + "): "
                                + (line.get("applied") == null ? "not applied: " : "applying it failed: ") + line.get("error"));
                    } else if (line.get("applied") instanceof Map<?, ?> fault) {
                        open.put(id, castMap(fault));
                        started.put(id, time(line, schedule, id, true, mainPhaseNanos));
                    }
                }
                case "heal" -> close(open, started, id, time(line, schedule, id, false, mainPhaseNanos), applied);
                case "heal-all" -> {
                    long healNanos = time(line, schedule, -1, false, mainPhaseNanos);
                    for (Integer openId : List.copyOf(open.keySet())) {
                        close(open, started, openId, healNanos, applied);
                    }
                }
                default -> throw new IllegalArgumentException("faults.jsonl: unknown action " + action);
            }
        }
        for (Integer openId : List.copyOf(open.keySet())) {
            close(open, started, openId, mainPhaseNanos, applied);
        }
        applied.sort((left, right) -> left.startNanos() != right.startNanos()
                ? Long.compare(left.startNanos(), right.startNanos()) : Integer.compare(left.id(), right.id()));
        return new RecordedFaults(applied, leftOut);
    }

    private static void close(Map<Integer, Map<String, Object>> open, Map<Integer, Long> started, int id, long healNanos,
            List<RecordedFault> applied) {
        Map<String, Object> fault = open.remove(id);
        if (fault != null) {
            long startNanos = started.remove(id);
            // A heal recorded in the same instant as its start still held the fault a moment.
            applied.add(new RecordedFault(id, startNanos, Math.max(healNanos, startNanos + 1_000_000), fault));
        }
    }

    private static long time(Map<String, Object> line, FaultSchedule schedule, int id, boolean start, long mainPhaseNanos) {
        if (line.get("phaseNanos") instanceof Number phase) {
            return Math.max(0, phase.longValue());
        }
        if (id < 0 || id >= schedule.faults().size()) {
            return mainPhaseNanos;
        }
        ScheduledFault planned = schedule.faults().get(id);
        return start ? planned.startNanos() : planned.healNanos();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
