package dev.faultline.checker.eventual;

import static dev.faultline.history.OpType.FAIL;
import static dev.faultline.history.OpType.INFO;
import static dev.faultline.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The set model of convergence on hand-made histories, one per anomaly, and valid ones. */
class SetConvergenceTest {
    private static Verdict check(Events events) {
        return new ConvergenceChecker("set", null).check(events.history(), CheckContext.defaults());
    }

    private static Events threeAdds() {
        return new Events()
                .operation(0, OK, "add", null, 1)
                .operation(1, OK, "add", null, 2)
                .operation(0, OK, "add", null, 3);
    }

    private static List<String> types(Verdict verdict) {
        return verdict.anomalies().stream().map(Anomaly::type).toList();
    }

    @Test
    void everyNodeHoldingEveryAcknowledgedElementIsValid() {
        Verdict verdict = check(threeAdds()
                .finalRead(2, "n1", null, List.of(1, 2, 3))
                .finalRead(3, "n2", null, List.of(3, 2, 1)));

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("converged", true).containsEntry("lost", 0L)
                .containsEntry("acknowledged", 3L).containsEntry("nodes", List.of("n1", "n2"));
        assertThat(Stats.map(verdict.stats().get("timeline"))).containsEntry("stable", 3L).containsEntry("stale", 0L);
    }

    @Test
    void anAcknowledgedAddMissingFromEveryNodeIsLostThoughTheNodesAgree() {
        Events events = threeAdds();
        int addInvoke = 2;
        Verdict verdict = check(events
                .finalRead(2, "n1", null, List.of(1, 3))
                .finalRead(3, "n2", null, List.of(1, 3)));

        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        assertThat(types(verdict)).containsExactly("lost");
        Anomaly lost = verdict.anomalies().get(0);
        assertThat(lost.explanation()).contains("acknowledged add of 2").contains("every node's final read");
        assertThat(lost.ops()).containsExactly(addInvoke, addInvoke + 1, 7, 9);
        assertThat(lost.data()).containsEntry("element", 2L).containsEntry("missingOn", List.of("n1", "n2"));
        assertThat(verdict.stats()).containsEntry("converged", true).containsEntry("lost", 1L);
    }

    @Test
    void anElementMissingOnOneNodeIsLostThereAndTheNodesDiverge() {
        Verdict verdict = check(threeAdds()
                .finalRead(2, "n1", null, List.of(1, 2, 3))
                .finalRead(3, "n2", null, List.of(1, 3)));

        assertThat(types(verdict)).containsExactlyInAnyOrder("divergent", "lost");
        Anomaly divergent = verdict.anomalies().stream().filter(a -> a.type().equals("divergent")).findFirst().orElseThrow();
        assertThat(divergent.explanation()).contains("n1 (op 7) holds every element seen").contains("n2 (op 9) lacks 1 (2)");
        assertThat(Stats.map(Stats.at(divergent.data(), "nodes", "n2"))).containsEntry("missing", List.of(2L)).containsEntry("size", 2L);
        assertThat(verdict.stats()).containsEntry("converged", false).containsEntry("divergentKeys", 1L);
    }

    @Test
    void anElementNeverAddedIsUnexpected() {
        Verdict verdict = check(threeAdds()
                .finalRead(2, "n1", null, List.of(1, 2, 3, 99)));

        assertThat(types(verdict)).containsExactly("unexpected");
        assertThat(verdict.anomalies().get(0).explanation()).contains("returned 99, which no add ever wrote");
        assertThat(verdict.anomalies().get(0).ops()).containsExactly(7);
    }

    @Test
    void anElementWhoseAddFailedIsUnexpected() {
        Verdict verdict = check(threeAdds()
                .operation(1, FAIL, "add", null, 4)
                .finalRead(2, "n1", null, List.of(1, 2, 3, 4)));

        assertThat(types(verdict)).containsExactly("unexpected");
        assertThat(verdict.anomalies().get(0).explanation()).contains("although its add failed (op 7)");
    }

    @Test
    void anIndeterminateAddThatTurnsUpIsRecoveredAndValid() {
        Verdict verdict = check(threeAdds()
                .operation(1, INFO, "add", null, 4)
                .operation(2, INFO, "add", null, 5)
                .finalRead(3, "n1", null, List.of(1, 2, 3, 4)));

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("recovered", 1L).containsEntry("recoveredElements", List.of(4L))
                .containsEntry("indeterminate", 2L);
        assertThat(Stats.map(verdict.stats().get("timeline"))).containsEntry("stable", 4L).containsEntry("neverRead", 1L);
    }

    @Test
    void anElementReadTwiceByOneReadIsDuplicated() {
        Verdict verdict = check(threeAdds()
                .finalRead(2, "n1", null, List.of(1, 2, 3, 2)));

        assertThat(types(verdict)).containsExactly("duplicated");
        assertThat(verdict.anomalies().get(0).explanation()).contains("returned 2 more than once");
    }

    @Test
    void aReadMissingAnAcknowledgedElementBeforeItAppearsMakesItStale() {
        Events events = new Events()
                .operation(0, OK, "add", null, 1)
                .at(10_000).operation(1, OK, "read", null, List.of())
                .at(50_000).finalRead(1, "n1", null, List.of(1));

        Verdict verdict = check(events);

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        Map<String, Object> timeline = Stats.map(verdict.stats().get("timeline"));
        assertThat(timeline).containsEntry("stale", 1L);
        // Known at the ack (2000 ns); last absence invoked at 10000 ns: stable from 10001 ns.
        assertThat(Stats.list(timeline.get("worstStale")))
                .containsExactly(Data.of("key", null, "element", 1L, "latency", 8001L, "add", 0L));
    }

    @Test
    void anAbsenceAfterTheLastSightingIsTimelineLoss() {
        Verdict verdict = check(new Events()
                .operation(0, OK, "add", null, 1)
                .operation(1, OK, "read", null, List.of(1))
                .finalRead(1, "n1", null, List.of()));

        assertThat(types(verdict)).containsExactly("lost");
        assertThat(Stats.map(verdict.stats().get("timeline"))).containsEntry("lost", 1L).containsEntry("stable", 0L);
    }

    @Test
    void timeToConvergenceRunsFromTheHealToTheRoundWhereTheNodesAgree() {
        Events events = new Events()
                .operation(0, OK, "add", null, 1)
                .at(100_000).nemesis("heal")
                .at(200_000).finalRead(1, "n1", null, List.of(1))
                .finalRead(2, "n2", null, List.of())
                .at(300_000).finalRead(1, "n1", null, List.of(1))
                .finalRead(2, "n2", null, List.of(1));

        Verdict verdict = check(events);

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("healTime", 100_000L).containsEntry("convergenceMeasuredFrom", "heal");
        // The second round's second read completes at 300000 + 3 steps.
        assertThat(Stats.at(verdict.stats(), "timeToConvergence", "quantiles", "1")).isEqualTo(203_000L);
    }

    @Test
    void keysAreCheckedApart() {
        Verdict verdict = check(new Events()
                .operation(0, OK, "add", "a", 1)
                .operation(0, OK, "add", "b", 1)
                .finalRead(1, "n1", "a", List.of(1))
                .finalRead(1, "n1", "b", List.of()));

        assertThat(types(verdict)).containsExactly("lost");
        assertThat(verdict.anomalies().get(0).explanation()).startsWith("key b: ");
        assertThat(verdict.stats()).containsEntry("keys", 2L).containsEntry("keysChecked", 2L);
    }

    @Test
    void withoutFinalReadsTheAnswerIsUnknown() {
        Verdict verdict = check(threeAdds().operation(1, OK, "read", null, List.of(1, 2, 3)));

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).contains("no successful final reads");
    }

    @Test
    void aFinalReadWithoutANodeMakesTheAnswerUnknown() {
        Events events = threeAdds().invoke(1, "read", null, null).finalRead().ok(1, "read", null, List.of(1, 2, 3));

        Verdict verdict = check(events);

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).contains("final read at op 6 names no node");
    }

    @Test
    void anElementAddedTwiceMakesTheAnswerUnknown() {
        Verdict verdict = check(threeAdds().operation(1, OK, "add", null, 2).finalRead(1, "n1", null, List.of(1, 2, 3)));

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).startsWith("the history is not differentiated: ")
                .endsWith(" both add 2; these checks need unique elements");
    }
}
