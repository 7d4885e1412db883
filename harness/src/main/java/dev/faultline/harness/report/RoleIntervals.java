package dev.faultline.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node's role over time, from the status samples of {@code nodes/N/status.jsonl}: the harness
 * writes a line whenever the node's role, term or leader changes, or it stops answering
 * ({@code {"time", "role", "term", "leader"}} or {@code {"time", "reachable": false}}). Each line
 * holds until the next one; the last holds to the end of the run.
 */
final class RoleIntervals {
    /** The role shown while the node's agent did not answer (killed, paused, starting). */
    static final String UNREACHABLE = "unreachable";

    /**
     * @param from the first time the node was seen in this state, in report units
     * @param to when the next sample differed, or the end of the run
     * @param term the term (or epoch, or ballot round) it reported; 0 where there is none
     * @param leader the node it believed led, or null
     */
    record Interval(long from, long to, String role, long term, String leader) {}

    private RoleIntervals() {}

    /**
     * @param lines the node's status lines, in file order
     * @param endTime the end of the run, in report units
     */
    static List<Interval> of(List<Map<String, Object>> lines, OpTable table, long endTime) {
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> line = lines.get(i);
            long from = table.timeOfNanos(number(line.get("time")));
            long to = i + 1 < lines.size() ? table.timeOfNanos(number(lines.get(i + 1).get("time"))) : Math.max(from, endTime);
            boolean reachable = !Boolean.FALSE.equals(line.get("reachable"));
            String role = reachable && line.get("role") != null ? line.get("role").toString() : UNREACHABLE;
            String leader = reachable && line.get("leader") != null ? line.get("leader").toString() : null;
            intervals.add(new Interval(from, to, role, reachable ? number(line.get("term")) : 0, leader));
        }
        return intervals;
    }

    private static long number(Object value) {
        return value instanceof Long number ? number : 0;
    }
}
