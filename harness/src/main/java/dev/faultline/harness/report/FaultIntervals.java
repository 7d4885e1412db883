package dev.faultline.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the lines of {@code faults.jsonl} into intervals, the bands every chart draws: a
 * {@code start} opens fault {@code fault}, its {@code heal} closes it, and a {@code heal-all}
 * closes every fault still open (the harness's final heal). A fault never closed stays open to
 * the end of the run, and the page says it was never healed. Lines that do not fit (a heal of a
 * fault never started, a second start of one id) are kept as warnings rather than errors: the
 * page should still show what the run recorded.
 */
final class FaultIntervals {

    /**
     * One fault as it was in force.
     *
     * @param fault the fault's id in the schedule
     * @param start when it was applied, in report units
     * @param end when it was healed, or -1 when it never was
     * @param nodes the nodes it hit, as applied (or as planned when it could not be applied)
     * @param error why applying or healing failed, or null
     * @param detail the applied fault's own fields (shape, clock change, link parameters)
     */
    record Interval(int fault, String kind, long start, long end, List<String> nodes, String error,
            Map<String, Object> detail) {}

    /** The intervals by start time, and what did not fit. */
    record Result(List<Interval> intervals, List<String> warnings) {}

    private FaultIntervals() {}

    /**
     * @param lines the lines of {@code faults.jsonl}, in file order
     * @param table the history's op table, for the time unit
     */
    static Result pair(List<Map<String, Object>> lines, OpTable table) {
        Map<Integer, Open> open = new LinkedHashMap<>();
        List<Interval> closed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int number = 0;
        for (Map<String, Object> line : lines) {
            number++;
            String action = String.valueOf(line.get("action"));
            long time = table.timeOfNanos(line.get("time") instanceof Long nanos ? nanos : 0);
            int fault = line.get("fault") instanceof Long id ? id.intValue() : -1;
            switch (action) {
                case "start" -> {
                    if (open.containsKey(fault)) {
                        warnings.add("faults.jsonl:" + number + ": fault " + fault + " started again before it was healed");
                        closed.add(open.remove(fault).close(time, null));
                    }
                    open.put(fault, new Open(fault, line, time));
                }
                case "heal" -> {
                    Open started = open.remove(fault);
                    if (started == null) {
                        warnings.add("faults.jsonl:" + number + ": heal of fault " + fault + ", which is not in force");
                    } else {
                        closed.add(started.close(time, text(line.get("error"))));
                    }
                }
                case "heal-all" -> {
                    for (Open started : open.values()) {
                        closed.add(started.close(time, text(line.get("error"))));
                    }
                    open.clear();
                }
                default -> warnings.add("faults.jsonl:" + number + ": unknown action " + action);
            }
        }
        for (Open started : open.values()) {
            closed.add(started.close(-1, null));
        }
        closed.sort((a, b) -> a.start() != b.start() ? Long.compare(a.start(), b.start()) : Integer.compare(a.fault(), b.fault()));
        return new Result(closed, warnings);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A started fault waiting for its heal. */
    private record Open(int fault, Map<String, Object> line, long start) {
        Interval close(long end, String healError) {
            Map<String, Object> applied = line.get("applied") instanceof Map<?, ?> map ? cast(map) : null;
            Map<String, Object> plan = line.get("plan") instanceof Map<?, ?> map ? cast(map) : Map.of();
            Map<String, Object> source = applied != null ? applied : plan;
            List<String> nodes = new ArrayList<>();
            if (source.get("nodes") instanceof List<?> list) {
                list.forEach(node -> nodes.add(String.valueOf(node)));
            }
            Map<String, Object> detail = new LinkedHashMap<>(source);
            detail.remove("kind");
            detail.remove("nodes");
            String startError = text(line.get("error"));
            String error = startError != null ? startError : healError;
            String kind = line.get("kind") != null ? line.get("kind").toString() : String.valueOf(source.get("kind"));
            return new Interval(fault, kind, start, end, nodes, error, detail);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> cast(Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
    }
}
