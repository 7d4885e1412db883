package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Values;
import dev.faultline.history.io.HistoryFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Goal: a violation comes with the witness issue 3 asks for, replayed, and readable. Method:
 * small histories whose stuck operation, prefix and failing paths are known by hand, and the
 * Knossos history whose analysis its own tests record.
 */
class WitnessTest {
    private static Verdict check(History history, String model, Semantics semantics) {
        return check(history, model, semantics, Pruning.ALL);
    }

    private static Verdict check(History history, String model, Semantics semantics, Pruning pruning) {
        return new LinearizableChecker(model, semantics, true, pruning)
                .check(history, CheckContext.of(Duration.ofSeconds(30), 64L << 20, 1));
    }

    /** Porcupine's second register example: write 200 over [0,100], read 200 over [10,30], read 0 over [40,90]. */
    @Test
    void aStaleReadAfterANewerReadIsTheStuckOperation() {
        History history = Histories.history()
                .invoke(0, "write", 200L)
                .invoke(1, "read", null)
                .ok(1, "read", 200L)
                .invoke(2, "read", null)
                .ok(2, "read", 0L)
                .ok(0, "write", 200L)
                .build();
        Verdict verdict = check(history, "register", new Semantics(0L, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT));
        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        Anomaly anomaly = verdict.anomalies().get(0);
        assertThat(anomaly.type()).isEqualTo("nonlinearizable");
        Map<String, Object> data = anomaly.data();
        assertThat(data.get("op")).isEqualTo(3L);
        assertThat(data.get("previous")).isEqualTo(1L);
        assertThat(data.get("stuckState")).isEqualTo("200");
        assertThat(data.get("prefixLength")).isEqualTo(2L);
        assertThat(steps(data.get("prefix"))).extracting(step -> step.get("call"), step -> step.get("state"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("write 200", "200"),
                        org.assertj.core.groups.Tuple.tuple("read → 200", "200"));
        List<List<Map<String, Object>>> paths = paths(data.get("finalPaths"));
        assertThat(paths).hasSize(1);
        assertThat(paths.get(0).get(0)).containsEntry("op", 3L).containsEntry("illegal", "read returned 0, but the value is 200");
        assertThat(anomaly.explanation()).startsWith("p2's read → 0 (op 3) cannot be linearized: read returned 0, but the value is 200.")
                .contains("2 operations, ending with p1's read → 200 (op 1)");
        assertThat(anomaly.ops()).containsExactly(3, 1);
        assertThat(Values.canonical(data)).isEqualTo(data);
    }

    @Test
    void everyOtherCandidateIsTriedAndShown() {
        // After write 1 then write 2, both the read of 1 and the cas [1 3] (concurrent) are stuck.
        // A stale read, which the pre-checks would find first: this is about the search's witness.
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(3, "write", 2L).ok(3, "write", 2L)
                .invoke(1, "read", null)
                .invoke(2, "cas", List.of(1L, 3L))
                .ok(1, "read", 1L)
                .ok(2, "cas", List.of(1L, 3L))
                .build();
        Verdict verdict = check(history, "cas-register", Semantics.defaults(), Pruning.ALL.searchOnly());
        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        Map<String, Object> data = verdict.anomalies().get(0).data();
        assertThat(data.get("op")).isEqualTo(4L);
        assertThat(data.get("stuckState")).isEqualTo("2");
        List<List<Map<String, Object>>> paths = paths(data.get("finalPaths"));
        assertThat(paths).hasSize(2);
        assertThat(paths.get(0).get(0)).containsEntry("op", 4L).containsEntry("illegal", "read returned 1, but the value is 2");
        assertThat(paths.get(1).get(0)).containsEntry("op", 5L).containsEntry("illegal", "cas expected 1, but the value is 2");
        assertThat(verdict.anomalies().get(0).explanation()).contains("the one other operation that could come first");
    }

    @Test
    void aReadOfAValueNobodyWroteIsReportedWithoutSearching() {
        // A cas keeps the zone check out, so that the impossible-read pre-check is the one that finds it.
        History history = Histories.history()
                .invoke(0, "write", 1L).info(0, "write", 1L)
                .invoke(2, "cas", List.of(1L, 2L)).ok(2, "cas", List.of(1L, 2L))
                .invoke(1, "read", null).ok(1, "read", 9L)
                .build();
        Verdict verdict = check(history, "cas-register", Semantics.defaults());
        Anomaly anomaly = verdict.anomalies().get(0);
        assertThat(anomaly.data()).containsEntry("engine", "pre-check").containsEntry("op", 4L);
        assertThat(anomaly.explanation()).contains("no operation writes the value it needs")
                .contains("this operation alone cannot be linearized");
    }

    @Test
    void theZoneCheckNamesTheSubHistoryItExplains() {
        // Unique values: 2 is written after 1 returned, yet a later read returns 1.
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(0, "write", 2L).ok(0, "write", 2L)
                .invoke(1, "read", null).ok(1, "read", 1L)
                .build();
        Verdict verdict = check(history, "register", Semantics.defaults());
        Map<String, Object> data = verdict.anomalies().get(0).data();
        assertThat(data.get("engine")).isEqualTo("pre-check");
        assertThat(data.get("subhistory")).isEqualTo(List.of(0L, 2L, 4L));
        assertThat(verdict.anomalies().get(0).explanation()).contains("unique-value zone check");
        assertThat(verdict.stats()).containsEntry("partitionsByZones", 1L);
    }

    /** Knossos's wgl_test records :op index 491 (the completion) for this history; ours names its invocation. */
    @Test
    void knossosCasFailureStopsAtTheReadKnossosReports() throws IOException {
        ReferenceCorpus.Entry entry = ReferenceCorpus.entries().stream()
                .filter(e -> e.file().endsWith("cas-failure.edn")).findFirst().orElseThrow();
        History history = dev.faultline.history.io.Histories.read(entry.file(), HistoryFormat.EDN);
        Verdict verdict = LinearizableChecker.fromOptions(entry.options())
                .check(history, CheckContext.withTimeLimit(Duration.ofSeconds(30)));
        Anomaly anomaly = verdict.anomalies().get(0);
        int stuck = ((Long) anomaly.data().get("op")).intValue();
        assertThat(history.get(history.pairOf(stuck)).index()).isEqualTo(491);
        assertThat(anomaly.explanation()).startsWith("p70's read → 0");
    }

    @Test
    void thePageDrawsTheWitnessInOneSelfContainedFile() {
        History history = Histories.history()
                .invoke(0, "write", 200L).invoke(1, "read", null).ok(1, "read", 200L)
                .invoke(2, "read", null).ok(2, "read", 0L).ok(0, "write", 200L)
                .build();
        Verdict verdict = check(history, "register", new Semantics(0L, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT));
        String page = WitnessPage.render(history, "example.jsonl", verdict);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("class=\"op stuck\"")
                .contains("state after: 200").contains("illegal: read returned 0, but the value is 200")
                .doesNotContain("http://cdn").doesNotContain("<script src");
        assertThat(page).contains(">p0</text>").contains(">p1</text>").contains(">p2</text>");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<List<Map<String, Object>>> paths(Object value) {
        return (List<List<Map<String, Object>>>) value;
    }

    static CheckerOptions options(Map<String, String> values) {
        return CheckerOptions.of(values);
    }
}
