package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Goal: faults.jsonl becomes the bands the charts draw, whatever order of starts and heals it holds. */
class FaultIntervalsTest {
    /** A timed history, so fault times convert to microseconds. */
    private static final OpTable TABLE = OpTable.of(History.of(List.of(
            new Op(0, 0, 0, OpType.INVOKE, "read", null, null, null, null, Map.of(), false))));

    private static Map<String, Object> line(long timeMicros, String action, int fault, String kind, List<String> nodes) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", timeMicros * 1000);
        line.put("action", action);
        if (fault >= 0) {
            line.put("fault", (long) fault);
            line.put("kind", kind);
            line.put("applied", Map.of("kind", kind, "nodes", nodes, "shape", "halves"));
        }
        return line;
    }

    @Test
    void startsPairWithTheirHealAndHealAllClosesTheRest() {
        List<Map<String, Object>> lines = List.of(line(10, "start", 0, "partition", List.of("n1", "n2")),
                line(20, "start", 1, "kill", List.of("n3")), line(30, "heal", 0, "partition", List.of("n1", "n2")),
                line(40, "start", 2, "pause", List.of("n4")), line(50, "heal-all", -1, null, null));

        FaultIntervals.Result result = FaultIntervals.pair(lines, TABLE);

        assertThat(result.warnings()).isEmpty();
        assertThat(result.intervals()).extracting(FaultIntervals.Interval::fault, FaultIntervals.Interval::start,
                FaultIntervals.Interval::end).containsExactly(org.assertj.core.groups.Tuple.tuple(0, 10L, 30L),
                        org.assertj.core.groups.Tuple.tuple(1, 20L, 50L), org.assertj.core.groups.Tuple.tuple(2, 40L, 50L));
        assertThat(result.intervals().get(0).nodes()).containsExactly("n1", "n2");
        assertThat(result.intervals().get(0).detail()).containsExactly(Map.entry("shape", "halves"));
    }

    @Test
    void aFaultNeverHealedStaysOpenAndAFailedHealIsShown() {
        Map<String, Object> failedHeal = line(30, "heal", 0, "kill", List.of("n1"));
        failedHeal.put("error", "heal kill failed on n1");
        List<Map<String, Object>> lines = List.of(line(10, "start", 0, "kill", List.of("n1")), failedHeal,
                line(40, "start", 1, "pause", List.of("n2")));

        FaultIntervals.Result result = FaultIntervals.pair(lines, TABLE);

        assertThat(result.intervals().get(0).error()).isEqualTo("heal kill failed on n1");
        assertThat(result.intervals().get(1).end()).isEqualTo(-1);
    }

    @Test
    void linesThatDoNotFitAreWarningsWithTheirLine() {
        List<Map<String, Object>> lines = List.of(line(10, "heal", 7, "kill", List.of("n1")),
                line(20, "start", 1, "kill", List.of("n1")), line(30, "start", 1, "kill", List.of("n1")),
                line(40, "explode", -1, null, null));

        FaultIntervals.Result result = FaultIntervals.pair(lines, TABLE);

        assertThat(result.warnings()).containsExactly("faults.jsonl:1: heal of fault 7, which is not in force",
                "faults.jsonl:3: fault 1 started again before it was healed", "faults.jsonl:4: unknown action explode");
        assertThat(result.intervals()).hasSize(2);
    }

    @Property(tries = 300)
    void everyStartBecomesOneIntervalAndNoFaultOverlapsItself(@ForAll @IntRange(min = 0, max = 30) int actions,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> lines = new ArrayList<>();
        int starts = 0;
        for (int i = 0; i < actions; i++) {
            int roll = random.nextInt(10);
            if (roll < 5) {
                int fault = random.nextInt(4);
                lines.add(line(i, "start", fault, "pause", List.of("n1")));
                starts++;
            } else if (roll < 9) {
                lines.add(line(i, "heal", random.nextInt(4), "pause", List.of("n1")));
            } else {
                lines.add(line(i, "heal-all", -1, null, null));
            }
        }

        List<FaultIntervals.Interval> intervals = FaultIntervals.pair(lines, TABLE).intervals();

        assertThat(intervals).hasSize(starts);
        for (FaultIntervals.Interval a : intervals) {
            assertThat(a.end() == -1 || a.end() >= a.start()).isTrue();
            for (FaultIntervals.Interval b : intervals) {
                if (a != b && a.fault() == b.fault()) {
                    long aEnd = a.end() < 0 ? Long.MAX_VALUE : a.end();
                    long bEnd = b.end() < 0 ? Long.MAX_VALUE : b.end();
                    assertThat(aEnd <= b.start() || bEnd <= a.start()).as("%s and %s overlap", a, b).isTrue();
                }
            }
        }
    }
}
