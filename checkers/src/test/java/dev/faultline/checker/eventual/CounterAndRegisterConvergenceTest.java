package dev.faultline.checker.eventual;

import static dev.faultline.history.OpType.FAIL;
import static dev.faultline.history.OpType.INFO;
import static dev.faultline.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.CheckerRegistry;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counter and last-writer-wins register models of convergence on hand-made histories. */
class CounterAndRegisterConvergenceTest {
    private static Verdict check(String model, Object initial, Events events) {
        return new ConvergenceChecker(model, initial).check(events.history(), CheckContext.defaults());
    }

    private static List<String> types(Verdict verdict) {
        return verdict.anomalies().stream().map(Anomaly::type).toList();
    }

    /** Definite sum 5 (2 + 3), indeterminate +10, a failed +100 that counts for nothing. */
    private static Events counterAdds() {
        return new Events()
                .operation(0, OK, "add", null, 2)
                .operation(1, OK, "add", null, 3)
                .operation(0, INFO, "add", null, 10)
                .operation(2, FAIL, "add", null, 100);
    }

    @Test
    void aCounterEndingAtTheDefiniteSumOrWithTheIndeterminateDeltaIsValid() {
        assertThat(check("counter", 0L, counterAdds().finalRead(3, "n1", null, 5).finalRead(4, "n2", null, 5)).valid())
                .isEqualTo(Validity.TRUE);
        assertThat(check("counter", 0L, counterAdds().finalRead(3, "n1", null, 15)).valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void aCounterBetweenThePossibleSumsIsOutOfRange() {
        Verdict verdict = check("counter", 0L, counterAdds().finalRead(3, "n1", null, 6));

        assertThat(types(verdict)).containsExactly("out-of-range");
        Anomaly anomaly = verdict.anomalies().get(0);
        assertThat(anomaly.explanation()).contains("n1's final read (op 9) returned 6")
                .contains("sum to 5").contains("allow only 5, 15");
        assertThat(anomaly.data()).containsEntry("acceptable", List.of(List.of(5L, 5L), List.of(15L, 15L)))
                .containsEntry("acceptableExact", true);
    }

    @Test
    void theInitialValueShiftsTheCounter() {
        assertThat(check("counter", 100L, counterAdds().finalRead(3, "n1", null, 105)).valid()).isEqualTo(Validity.TRUE);
        assertThat(types(check("counter", 100L, counterAdds().finalRead(3, "n1", null, 5)))).containsExactly("out-of-range");
    }

    @Test
    void countersThatDisagreeDiverge() {
        Verdict verdict = check("counter", 0L, counterAdds().finalRead(3, "n1", null, 5).finalRead(4, "n2", null, 15));

        assertThat(types(verdict)).containsExactly("divergent");
        assertThat(verdict.anomalies().get(0).explanation()).contains("n1 (op 9) holds 5; n2 (op 11) holds 15");
    }

    @Test
    void aRegisterEndingWithItsLastWriteIsValid() {
        Verdict verdict = check("register", null, new Events()
                .operation(0, OK, "write", null, 1)
                .operation(0, OK, "write", null, 2)
                .finalRead(1, "n1", null, 2)
                .finalRead(2, "n2", null, 2));

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("lostWrites", 0L).containsEntry("converged", true);
    }

    @Test
    void concurrentWritesMayEitherWin() {
        Events events = new Events()
                .invoke(0, "write", null, 1)
                .invoke(1, "write", null, 2)
                .ok(0, "write", null, 1)
                .ok(1, "write", null, 2);

        assertThat(check("register", null, events.finalRead(2, "n1", null, 1)).valid()).isEqualTo(Validity.TRUE);
    }

    /** Goal: the LWW trap of notes §6.1 (c). A clock running behind gave the later write the smaller timestamp. */
    @Test
    void convergedOnAnOlderWriteIsReportedWithTheLostWriteAndBothTimestamps() {
        Events events = new Events()
                .invoke(0, "write", null, 1).ok(0, "write", null, 1).node("n1").meta("timestamp", 2000)
                .invoke(1, "write", null, 2).ok(1, "write", null, 2).node("n2").meta("timestamp", 1500)
                .finalRead(2, "n1", null, 1)
                .finalRead(3, "n2", null, 1)
                .finalRead(4, "n3", null, 1);

        Verdict verdict = check("register", null, events);

        assertThat(types(verdict)).containsExactly("lost");
        Anomaly lost = verdict.anomalies().get(0);
        assertThat(lost.explanation())
                .startsWith("converged: every node (n1, n2, n3) ends with 1, written at op 0 and acknowledged at op 1,"
                        + " timestamp 2000; and lost the acknowledged write 2 (op 2, invoked after op 1,"
                        + " acknowledged at op 3, timestamp 1500)");
        assertThat(lost.ops()).containsExactly(0, 1, 2, 3, 5, 7, 9);
        assertThat(lost.data()).containsEntry("converged", true);
        assertThat(Stats.map(lost.data().get("winner"))).containsEntry("timestamp", 2000L).containsEntry("node", "n1");
        assertThat(Stats.map(lost.data().get("loser"))).containsEntry("timestamp", 1500L).containsEntry("value", 2L);
        assertThat(verdict.stats()).containsEntry("converged", true).containsEntry("lostWrites", 1L)
                .containsEntry("convergedKeysWithLostWrites", 1L);
    }

    @Test
    void endingWithTheInitialValueLosesEveryAcknowledgedWrite() {
        Verdict verdict = check("register", null, new Events()
                .operation(0, OK, "write", null, 1)
                .operation(0, OK, "write", null, 2)
                .finalRead(1, "n1", null, null));

        assertThat(types(verdict)).containsExactly("lost", "lost");
        assertThat(verdict.anomalies().get(0).explanation()).contains("ends with nil, the initial value");
    }

    @Test
    void anIndeterminateWriteMayWinWithoutLosingAnything() {
        Verdict verdict = check("register", null, new Events()
                .operation(0, OK, "write", null, 1)
                .operation(0, INFO, "write", null, 2)
                .operation(1, OK, "write", null, 3)
                .finalRead(2, "n1", null, 2));

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void aValueNeverWrittenOrWrittenByAFailedWriteIsUnexpected() {
        Events events = new Events().operation(0, OK, "write", null, 1).operation(0, FAIL, "write", null, 2);

        Verdict neverWritten = check("register", null, events.finalRead(1, "n1", null, 7));
        assertThat(types(neverWritten)).containsExactly("unexpected");
        assertThat(neverWritten.anomalies().get(0).explanation()).contains("n1 ended with 7, which no write ever wrote");

        Verdict failed = check("register", null, new Events().operation(0, FAIL, "write", null, 2).finalRead(1, "n1", null, 2));
        assertThat(types(failed)).containsExactly("unexpected");
        assertThat(failed.anomalies().get(0).explanation()).contains("although its write failed (op 0)");
    }

    @Test
    void registersThatDisagreeDivergeAndShowTheirVersions() {
        Events events = new Events()
                .operation(0, OK, "write", null, 1)
                .invoke(1, "read", null, null).finalRead().ok(1, "read", null, 1).node("n1").finalRead().meta("version", 1)
                .finalRead(2, "n2", null, null);

        Verdict verdict = check("register", null, events);

        assertThat(types(verdict)).containsExactly("lost", "divergent");
        Anomaly divergent = verdict.anomalies().get(1);
        assertThat(Stats.map(Stats.at(divergent.data(), "nodes", "n1"))).containsEntry("version", 1L).containsEntry("value", 1L);
        assertThat(verdict.anomalies().get(0).explanation()).startsWith("n2 ends with nil, the initial value")
                .endsWith("is lost on that node");
    }

    @Test
    void optionsChooseTheModelAndTheInitialValue() {
        CheckerOptions options = CheckerOptions.of(Map.of("model", "counter", "initial", "100"));
        Verdict verdict = CheckerRegistry.create("convergence", options)
                .check(counterAdds().finalRead(3, "n1", null, 105).history(), CheckContext.defaults());

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThatThrownBy(() -> CheckerRegistry.create("convergence", CheckerOptions.of(Map.of("model", "queue"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model must be one of set, counter, register");
        assertThatThrownBy(() -> CheckerRegistry.create("convergence", CheckerOptions.of(Map.of("model", "counter", "initial", "\"a\""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--initial for a counter must be an integer");
        assertThatThrownBy(() -> CheckerRegistry.create("staleness", CheckerOptions.of(Map.of("initial", "nil"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--initial must be a JSON value");
    }

    @Test
    void anOperationTheModelDoesNotKnowMakesTheAnswerUnknown() {
        Verdict verdict = check("register", null, new Events().operation(0, OK, "cas", null, List.of(1, 2)).finalRead(1, "n1", null, 2));

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).contains("the register model knows write and read, not cas (op 0)");
    }
}
