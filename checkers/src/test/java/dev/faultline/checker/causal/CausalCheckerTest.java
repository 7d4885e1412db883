package dev.faultline.checker.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.HistoryText;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bad patterns of Bouajjani et al. (POPL 2017) on the small examples of
 * {@code shared/notes/consistency-checkers.md} §1.3, one test per pattern, and the set and list
 * modes. Initial value nil throughout.
 */
class CausalCheckerTest {

    static Verdict check(CausalModel model, String history) {
        return new CausalChecker(model, null).check(HistoryText.parse(history), CheckContext.defaults());
    }

    static List<String> types(Verdict verdict) {
        return verdict.anomalies().stream().map(Anomaly::type).distinct().toList();
    }

    @Test
    void photoBeforeMessageIsWriteCOInitRead() {
        Verdict verdict = check(CausalModel.CC, "P1: w(x,1) w(y,1); P2: r(y,1) r(x,nil)");

        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        Anomaly anomaly = verdict.anomalies().get(0);
        assertThat(anomaly.type()).isEqualTo("WriteCOInitRead");
        assertThat(anomaly.explanation()).isEqualTo("P1 wrote x=1 then y=1; P2 read y=1 then x=nil: "
                + "P2 read the initial x=nil although the write of x=1 was in its causal past");
        // Round-robin: w(x,1) is ops 0-1, r(y,1) 2-3, w(y,1) 4-5, r(x,nil) 6-7; completions name them.
        assertThat(anomaly.ops()).containsExactly(1, 7, 5, 3);
        assertThat(anomaly.data()).containsEntry("steps", List.of(
                Map.of("from", 1L, "to", 5L, "rel", "po"),
                Map.of("from", 5L, "to", 3L, "rel", "rf"),
                Map.of("from", 3L, "to", 7L, "rel", "po")));
    }

    @Test
    void readingAnOverwrittenValueIsWriteCORead() {
        Verdict verdict = check(CausalModel.CC, "P1: w(x,1) w(x,2); P2: r(x,2) r(x,1)");

        assertThat(types(verdict)).containsExactly("WriteCORead");
        assertThat(verdict.anomalies().get(0).explanation()).isEqualTo("P1 wrote x=1 then x=2; P2 read x=2 then x=1: "
                + "P2 read x=1 although x=2, written after it in causal order, was in its causal past");
    }

    @Test
    void flipFlopIsCausalButNeitherConvergentNorCausalMemory() {
        String flipFlop = "P1: w(x,1); P2: w(x,2); P3: r(x,1) r(x,2) r(x,1)";

        assertThat(check(CausalModel.CC, flipFlop).valid()).isEqualTo(Validity.TRUE);
        Verdict ccv = check(CausalModel.CCV, flipFlop);
        assertThat(types(ccv)).containsExactly("CyclicCF");
        assertThat(ccv.anomalies().get(0).explanation()).contains(
                "P3 read x=2 with x=1 in its causal past (so x=1 is arbitrated before x=2)",
                "P3 read x=1 with x=2 in its causal past (so x=2 is arbitrated before x=1)",
                "no single arbitration order explains every read");
        assertThat(types(check(CausalModel.CM, flipFlop))).containsExactly("CyclicHB");
    }

    @Test
    void divergentOrdersAreCausalAndCausalMemoryButNotConvergent() {
        String divergent = "P1: w(x,1) r(x,2); P2: w(x,2) r(x,1)";

        assertThat(check(CausalModel.CC, divergent).valid()).isEqualTo(Validity.TRUE);
        assertThat(check(CausalModel.CM, divergent).valid()).isEqualTo(Validity.TRUE);
        assertThat(types(check(CausalModel.CCV, divergent))).containsExactly("CyclicCF");
    }

    @Test
    void aWriteThatHappensBeforeAnInitialReadOnlyInOneSessionsViewIsWriteHBInitRead() {
        // P3 reads y=2 (so P2's k=2 precedes the read of x), and later k=2 with P1's k=1 in its
        // causal past: in P3's serialization x=1 -> k=1 -> k=2 -> y=2 -> the read of x=nil.
        String history = "P1: w(x,1) w(k,1) w(z,1); P2: w(k,2) w(y,2); P3: r(y,2) r(x,nil) r(z,1) r(k,2)";

        assertThat(check(CausalModel.CC, history).valid()).isEqualTo(Validity.TRUE);
        assertThat(check(CausalModel.CCV, history).valid()).isEqualTo(Validity.TRUE);
        Verdict cm = check(CausalModel.CM, history);
        assertThat(types(cm)).containsExactly("WriteHBInitRead");
        assertThat(cm.anomalies().get(0).explanation()).isEqualTo("P1 wrote x=1 then k=1; "
                + "P3 read k=2 after k=1 happened before that read (so k=1 precedes k=2 in P3's serialization); "
                + "P2 wrote k=2 then y=2; P3 read y=2 then x=nil: "
                + "P3 read the initial x=nil although its own serialization must put x=1 before that read");
    }

    @Test
    void readsFromEachOthersLaterWritesAreCyclicCO() {
        Verdict verdict = check(CausalModel.CC, "P1: r(x,1) w(y,1); P2: r(y,1) w(x,1)");

        assertThat(types(verdict)).containsExactly("CyclicCO");
        assertThat(verdict.anomalies().get(0).ops()).hasSize(4);
    }

    @Test
    void valuesNobodyWroteAreThinAirAndValuesOfFailedWritesAreAborted() {
        Verdict verdict = check(CausalModel.CC, "P1: w(x,5)!; P2: r(x,5) r(x,6)");

        assertThat(types(verdict)).containsExactly("AbortedRead", "ThinAirRead");
        assertThat(verdict.anomalies().get(0).explanation()).startsWith("P2 read x=5, but only p1 fail write x 5 (op 1)");
    }

    @Test
    void anIndeterminateWriteThatWasReadHappenedAndEndsItsSession() {
        // P1's write timed out but P2 read it; P1's next read starts a new session, so it may miss it.
        Verdict verdict = check(CausalModel.CM, "P1: w(x,1)? r(x,nil); P2: r(x,1) r(x,1)");

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("sessions", 3L);
    }

    @Test
    void programOrderStillHoldsWithoutAnInfo() {
        assertThat(types(check(CausalModel.CC, "P1: w(x,1) r(x,nil)"))).containsExactly("WriteCOInitRead");
    }

    @Test
    void aValueWrittenTwiceIsUnknownWithTheLines() {
        Verdict verdict = check(CausalModel.CC, "P1: w(x,1); P2: w(x,1) r(x,1)");

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).isEqualTo("the history is not differentiated: <history>:1 and line 3 both write x=1;"
                + " these checks need unique written values");
    }

    @Test
    void casIsUnknown() {
        Verdict verdict = check(CausalModel.CC, "P1: w(x,1) cas(x,1,2)");

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).isEqualTo("<history>:3 is a cas; register checks handle read and write only");
    }

    @Test
    void aSetReadMissingAnUpdateInItsCausalPastViolatesCausalVisibility() {
        Verdict verdict = check(CausalModel.CC, "P1: add(s,1) add(s,2); P2: r(s,[2])");

        assertThat(types(verdict)).containsExactly("CausalVisibilityViolation");
        assertThat(verdict.anomalies().get(0).explanation()).isEqualTo(
                "P1 added 1 to s then 2 to s; P2 read s=[2]: P2's read misses 1, which is in its causal past");
    }

    @Test
    void concurrentAddsSeenInEitherOrderAreCausalInEveryModel() {
        String history = "P1: add(s,1); P2: add(s,2); P3: r(s,[1]) r(s,[1 2]); P4: r(s,[2]) r(s,[2 1])";

        for (CausalModel model : CausalModel.values()) {
            assertThat(check(model, history).valid()).as(model.wireName()).isEqualTo(Validity.TRUE);
        }
    }

    @Test
    void listsInOppositeOrdersAreCausalButNotConvergent() {
        String history = "P1: app(l,1); P2: app(l,2); P3: r(l,[1 2]); P4: r(l,[2 1])";

        assertThat(check(CausalModel.CC, history).valid()).isEqualTo(Validity.TRUE);
        assertThat(check(CausalModel.CM, history).valid()).isEqualTo(Validity.TRUE);
        Verdict ccv = check(CausalModel.CCV, history);
        assertThat(types(ccv)).containsExactly("IncompatibleOrder");
        assertThat(ccv.anomalies().get(0).explanation()).contains("P3 read l=[1 2] (so 1 before 2)",
                "P4 read l=[2 1] (so 2 before 1)");
    }

    @Test
    void aListOrderAgainstCausalOrderIsACausalOrderViolation() {
        Verdict verdict = check(CausalModel.CC, "P1: app(l,1) app(l,2); P2: r(l,[2 1])");

        assertThat(types(verdict)).containsExactly("CausalOrderViolation");
        assertThat(verdict.anomalies().get(0).explanation()).isEqualTo(
                "P1 appended 1 to l then 2 to l; yet P2 read l=[2 1], with 2 before 1");
    }

    @Test
    void oneSessionSeeingListsInTwoOrdersViolatesCausalMemoryOnly() {
        String history = "P1: app(l,1); P2: app(l,2); P3: r(l,[1 2]); P4: r(l,[2 1]) r(l,[1 2])";

        // P4's second read sees [1 2] after [2 1]: its own serialization cannot order 1 and 2.
        assertThat(check(CausalModel.CC, history).valid()).isEqualTo(Validity.TRUE);
        assertThat(types(check(CausalModel.CM, history))).containsExactly("CyclicHB");
    }

    @Test
    void aReadHoldingAnElementTwiceIsReported() {
        assertThat(types(check(CausalModel.CC, "P1: app(l,1); P2: r(l,[1 1])"))).containsExactly("DuplicateElements");
    }

    @Test
    void theWitnessesOfEveryAnomalyNameOperationsOfTheHistory() {
        History history = HistoryText.parse("P1: w(x,1) w(x,2); P2: r(x,2) r(x,1) r(y,nil); P3: w(y,1) r(x,nil)");
        Verdict verdict = new CausalChecker(CausalModel.CM, null).check(history, CheckContext.defaults());

        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        for (Anomaly anomaly : verdict.anomalies()) {
            assertThat(anomaly.ops()).allSatisfy(index -> assertThat(history.get(index).type().isCompletion()).isTrue());
        }
    }
}
