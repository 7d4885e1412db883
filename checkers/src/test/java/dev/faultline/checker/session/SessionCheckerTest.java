package dev.faultline.checker.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.HistoryText;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each session guarantee violated and kept, black-box and white-box. */
class SessionCheckerTest {

    static Verdict check(String guarantees, History history) {
        return SessionChecker.fromOptions(CheckerOptions.of(Map.of("guarantees", guarantees)))
                .check(history, CheckContext.defaults());
    }

    static Verdict check(String guarantees, String history) {
        return check(guarantees, HistoryText.parse(history));
    }

    static List<String> types(Verdict verdict) {
        return verdict.anomalies().stream().map(Anomaly::type).distinct().toList();
    }

    @Test
    void pramIsReadYourWritesMonotonicReadsAndMonotonicWrites() {
        assertThat(Guarantee.parse(List.of("pram"))).isEqualTo(Set.of(Guarantee.RYW, Guarantee.MR, Guarantee.MW));
        assertThat(Guarantee.parse(List.of("pram", "wfr"))).isEqualTo(Set.of(Guarantee.values()));
    }

    @Test
    void readingTheInitialValueAfterAnOwnWriteViolatesReadYourWrites() {
        Verdict verdict = check("ryw", "P1: w(x,1) r(x,nil)");

        assertThat(types(verdict)).containsExactly("RYW");
        Anomaly anomaly = verdict.anomalies().get(0);
        assertThat(anomaly.explanation()).isEqualTo("P1 wrote x=1 then read the initial x=nil: read your writes violated");
        assertThat(anomaly.data()).containsEntry("scope", "session-local").containsEntry("excerpt", List.of(1L, 3L));
    }

    @Test
    void readingOwnWritesInBothOrdersViolatesReadYourWrites() {
        // After writing 1 and 2, reading 1 needs 2 before 1, and then reading 2 needs 1 before 2.
        Verdict verdict = check("ryw", "P1: w(x,1) w(x,2) r(x,1) r(x,2)");

        assertThat(types(verdict)).containsExactly("RYW");
        assertThat(verdict.anomalies().get(0).explanation()).isEqualTo(
                "P1 wrote x=1 and later read x=2 (RYW: x=1 before x=2); P1 wrote x=2 and later read x=1 (RYW: x=2 before x=1): "
                        + "a cycle, so no order of the writes of x satisfies RYW within P1");
    }

    @Test
    void readingOwnWritesAndNewerOnesKeepsReadYourWrites() {
        assertThat(check("ryw", "P1: w(x,1) r(x,1) r(x,2); P2: w(x,2) r(x,2)").valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void goingBackToAnOlderValueViolatesMonotonicReads() {
        Verdict verdict = check("mr", "P1: w(x,1); P2: w(x,2); P3: r(x,1) r(x,2) r(x,1)");

        assertThat(types(verdict)).containsExactly("MR");
        assertThat(verdict.anomalies().get(0).data()).containsEntry("scope", "session-local")
                .containsEntry("sessions", List.of("P3"));
        assertThat(types(check("mr", "P1: w(x,1); P2: r(x,1) r(x,nil)"))).containsExactly("MR");
    }

    @Test
    void readingForwardKeepsMonotonicReads() {
        assertThat(check("mr", "P1: w(x,1); P2: w(x,2); P3: r(x,1) r(x,2) r(x,2)").valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void sessionsSeeingOneSessionsWritesInReverseViolateMonotonicWritesAcrossSessions() {
        Verdict verdict = check("mw,mr", "P1: w(x,1) w(x,2); P2: r(x,2) r(x,1)");

        assertThat(types(verdict)).containsExactly("MR+MW-cross-session");
        assertThat(verdict.anomalies().get(0).data()).containsEntry("scope", "cross-session");
        assertThat(verdict.stats()).containsEntry("crossSessionViolations", 1L).containsEntry("sessionLocalViolations", 0L);
    }

    @Test
    void aSessionReadingItsOwnWritesInReverseViolatesMonotonicWritesLocally() {
        assertThat(types(check("mw,mr", "P1: w(x,1) w(x,2) r(x,2) r(x,1)"))).containsExactly("MR+MW");
        assertThat(check("mw,mr", "P1: w(x,1) w(x,2); P2: r(x,1) r(x,2)").valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void aWriteOrderedBeforeTheValueItsSessionReadViolatesWritesFollowReads() {
        Verdict verdict = check("wfr,mr", "P1: w(x,1); P2: r(x,1) w(x,2); P3: r(x,2) r(x,1)");

        assertThat(types(verdict)).containsExactly("MR+WFR-cross-session");
        assertThat(verdict.anomalies().get(0).explanation()).contains(
                "P2 read x=1 and later wrote x=2 (WFR: x=1 before x=2)", "P3 read x=2 and later x=1 (MR: x=2 before x=1)");
        assertThat(check("wfr,mr", "P1: w(x,1); P2: r(x,1) w(x,2); P3: r(x,1) r(x,2)").valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void readingOnesOwnLaterWriteViolatesWritesFollowReadsOnly() {
        assertThat(types(check("wfr", "P1: r(x,1) w(x,1)"))).containsExactly("WFR");
        assertThat(check("pram", "P1: r(x,1) w(x,1)").valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void guaranteesAreKeptPerKey() {
        // P1's read of y says nothing about the order of x's writes.
        assertThat(check("ryw,mr,mw,wfr", "P1: w(x,1) r(y,5) w(x,2); P2: w(y,5); P3: r(x,2) r(x,1)").valid())
                .isEqualTo(Validity.FALSE);
        assertThat(check("ryw,wfr", "P1: w(x,1) r(y,5) w(x,2); P2: w(y,5); P3: r(x,2) r(x,1)").valid())
                .isEqualTo(Validity.TRUE);
    }

    @Test
    void witnessesNameTheNodesThatServedTheOperations() {
        List<Op> ops = new ArrayList<>(HistoryText.parse("P7: w(x,41) r(x,nil)").ops());
        ops.set(1, ops.get(1).withNode("n2"));
        ops.set(3, ops.get(3).withNode("n4"));
        Verdict verdict = check("ryw", History.of(ops));

        assertThat(verdict.anomalies().get(0).explanation())
                .isEqualTo("P7 wrote x=41 at n2 then read the initial x=nil at n4: read your writes violated");
        assertThat(verdict.stats()).containsEntry("violationsByNode", Map.of("n2", 1L, "n4", 1L));
    }

    @Test
    void valuesWrittenTwiceAreUnknownInBlackBoxMode() {
        Verdict verdict = check("mr", "P1: w(x,1); P2: w(x,1)");

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).startsWith("the history is not differentiated");
    }

    @Test
    void setsAreLeftToTheCausalChecker() {
        Verdict verdict = check("mr", "P1: add(s,1); P2: r(s,[1])");

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).contains("run the causal checker");
    }

    @Test
    void badGuaranteeNamesAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Guarantee.parse(List.of("ryw", "causal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--guarantees takes ryw, mr, mw, wfr or pram, comma-separated; got causal");
    }

    // ---- white-box: versions known ------------------------------------------------------

    /** Ops of one process, each with the version the store reported. */
    private static History versioned(Object... fValueVersion) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < fValueVersion.length; i += 3) {
            String f = (String) fValueVersion[i];
            Object value = fValueVersion[i + 1];
            ops.add(Op.invoke(1, f, "x", f.equals("read") ? null : value));
            ops.add(Op.completion(OpType.OK, 1, f, "x", value).withMeta(Map.of("version", fValueVersion[i + 2])));
        }
        return History.of(ops);
    }

    @Test
    void versionsGoingBackViolateMonotonicReadsWhiteBox() {
        Verdict verdict = check("mr", versioned("read", 2L, 7L, "read", 1L, 5L));

        assertThat(types(verdict)).containsExactly("MR");
        assertThat(verdict.stats()).containsEntry("mode", "white-box");
        assertThat(verdict.anomalies().get(0).explanation())
                .isEqualTo("P1 read x=2 (version 7) then read x=1 (version 5): monotonic reads violated");
    }

    @Test
    void eachGuaranteeWhiteBox() {
        assertThat(types(check("ryw", versioned("write", 1L, 9L, "read", 1L, 4L)))).containsExactly("RYW");
        assertThat(types(check("mw", versioned("write", 1L, 9L, "write", 2L, 9L)))).containsExactly("MW");
        assertThat(types(check("wfr", versioned("read", 1L, 9L, "write", 2L, 3L)))).containsExactly("WFR");
        // Values may repeat when versions say which write is which.
        assertThat(check("ryw,mr,mw,wfr", versioned("write", 1L, 3L, "read", 1L, 3L, "write", 1L, 8L,
                "read", 1L, 8L)).valid()).isEqualTo(Validity.TRUE);
        // Versions may be lists, compared element by element: [timestamp, node].
        assertThat(types(check("mr", versioned("read", 1L, List.of(8L, 2L), "read", 2L, List.of(8L, 1L)))))
                .containsExactly("MR");
    }
}
