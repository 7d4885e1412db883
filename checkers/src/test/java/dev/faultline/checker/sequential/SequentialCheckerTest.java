package dev.faultline.checker.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.HistoryText;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tier of the sequential checker on small examples, and sequential versus linearizable. */
class SequentialCheckerTest {

    static Verdict check(History history, Map<String, String> options) {
        return SequentialChecker.fromOptions(CheckerOptions.of(options)).check(history, CheckContext.defaults());
    }

    static Verdict check(String history) {
        return check(HistoryText.parse(history), Map.of());
    }

    static List<String> types(Verdict verdict) {
        return verdict.anomalies().stream().map(Anomaly::type).distinct().toList();
    }

    @Test
    void aStaleReadIsSequentialButNotLinearizable() {
        // P1's write completes before P2's read begins, yet P2 reads nil: fine without real time.
        History stale = HistoryText.timeline("1:w(x,1) 2:r(x,nil)");

        Verdict verdict = check(stale, Map.of());
        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("tier", "block-graph").containsEntry("scope", "whole-store (one key)");
        assertThat(new SequentialOracle(stale, false).sequential()).isTrue();
        assertThat(new SequentialOracle(stale, true).sequential()).as("linearizable").isFalse();
    }

    @Test
    void twoSessionsSeeingWritesInOppositeOrdersAreNotSequential() {
        Verdict verdict = check("P1: w(x,1); P2: w(x,2); P3: r(x,1) r(x,2); P4: r(x,2) r(x,1)");

        assertThat(types(verdict)).containsExactly("WriteOrderCycle");
        assertThat(verdict.anomalies().get(0).explanation()).isEqualTo("P3 read x=1 then x=2; P4 read x=2 then x=1: "
                + "no single order of the writes of x (each cas right after the value it swapped) explains these sessions");
    }

    @Test
    void readingTheInitialValueAfterAWriteIsNotSequential() {
        Verdict verdict = check("P1: w(x,1); P2: r(x,1) r(x,nil)");

        assertThat(types(verdict)).containsExactly("InitialAfterWrite");
        assertThat(verdict.anomalies().get(0).explanation()).isEqualTo(
                "P2 read x=1 then x=nil: the initial value comes before every write, so P2 cannot read it after x=1");
    }

    @Test
    void readingOnesOwnLaterWriteIsNotSequential() {
        assertThat(types(check("P1: r(x,1) w(x,1)"))).containsExactly("WriteOrderCycle");
    }

    @Test
    void casChainsStayContiguous() {
        assertThat(check("P1: w(x,1) r(x,2); P2: cas(x,1,2) r(x,2)").valid()).isEqualTo(Validity.TRUE);
        // x=3 cannot fall between 1 and the cas 1 -> 2.
        assertThat(types(check("P1: w(x,1); P2: cas(x,1,2); P3: w(x,3); P4: r(x,1) r(x,3) r(x,2)")))
                .containsExactly("WriteOrderCycle");
        assertThat(types(check("P1: w(x,1); P2: cas(x,1,2); P3: cas(x,1,3)"))).containsExactly("DoubleCas");
        assertThat(types(check("P1: cas(x,1,2); P2: cas(x,2,1)"))).containsExactly("CasCycle");
    }

    @Test
    void readsOfUnwrittenOrFailedValuesAreReported() {
        assertThat(types(check("P1: w(x,1)!; P2: r(x,1) r(x,7)"))).containsExactly("AbortedRead", "ThinAirRead");
    }

    @Test
    void indeterminateWritesMayHappenOrNot() {
        assertThat(check("P1: w(x,1)?; P2: r(x,1)").valid()).isEqualTo(Validity.TRUE);
        assertThat(check("P1: w(x,1)?; P2: r(x,nil)").valid()).isEqualTo(Validity.TRUE);
        assertThat(check("P1: w(x,1)?; P2: r(x,nil) r(x,1) r(x,nil)").valid()).isEqualTo(Validity.FALSE);
    }

    @Test
    void repeatedValuesAreDecidedBySearch() {
        Verdict verdict = check("P1: w(x,1); P2: w(x,2); P3: w(x,1); P4: r(x,1) r(x,2) r(x,1)");

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("tier", "search");
        Verdict invalid = check("P1: w(x,1); P2: w(x,1); P3: r(x,1) r(x,2)");
        assertThat(types(invalid)).containsExactly("NotSequential");
        assertThat(invalid.anomalies().get(0).explanation()).startsWith("no sequential order exists: the longest consistent prefix");
    }

    @Test
    void aCompareThatFailedIsAConstraintUnderPorcupineSemantics() {
        History history = HistoryText.parse("P1: w(x,1) cas(x,1,2)!");

        assertThat(check(history, Map.of()).valid()).isEqualTo(Validity.TRUE);
        assertThat(check(history, Map.of("failed-cas", "compare-failed")).valid()).isEqualTo(Validity.FALSE);
    }

    @Test
    void dekkersPatternIsSequentialPerKeyButNotForTheStore() {
        History dekker = HistoryText.parse("P1: w(x,1) r(y,nil); P2: w(y,1) r(x,nil)");

        Verdict store = check(dekker, Map.of());
        assertThat(types(store)).containsExactly("NotSequential");
        assertThat(store.stats()).containsEntry("tier", "search").containsEntry("scope", "whole-store")
                .containsEntry("perKey", Map.of()).containsEntry("keysValidByBlockGraph", 2L);
        Verdict perKey = check(dekker, Map.of("scope", "per-key"));
        assertThat(perKey.valid()).isEqualTo(Validity.TRUE);
        assertThat(perKey.stats()).containsEntry("scope", "per-key")
                .containsEntry("note", "each key is sequentially consistent alone; the store as a whole was not checked");
    }

    @Test
    void aCausalViolationAcrossKeysIsFoundByTheScreen() {
        Verdict verdict = check("P1: w(x,1) w(y,1); P2: r(y,1) r(x,nil)");

        assertThat(types(verdict)).containsExactly("WriteCOInitRead");
        assertThat(verdict.stats()).containsEntry("tier", "screen: causal ccv");
    }

    @Test
    void aSearchOutOfMemoryBudgetIsUnknownAndSaysHowFarItGot() {
        History history = HistoryText.parse("P1: w(x,1) w(x,2) w(x,1); P2: w(x,2) w(x,1) w(x,2); P3: r(x,2) r(x,1) r(x,2) r(x,3)");
        Verdict verdict = SequentialChecker.fromOptions(CheckerOptions.none())
                .check(history, CheckContext.of(Duration.ofSeconds(30), 1_000, 1));

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).contains("configurations reached the memory limit of 0 MiB").contains("longest consistent prefix placed");
    }

    @Test
    void otherFunctionsAreUnknown() {
        Verdict verdict = check("P1: add(s,1)");

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).isEqualTo("<history>:1 is a add; the sequential checker handles read, write and cas");
    }
}
