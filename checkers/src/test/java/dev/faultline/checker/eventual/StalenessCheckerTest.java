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
import org.junit.jupiter.api.Test;

/** The staleness checker on hand-made register histories: measurements, regularity, version orders. */
class StalenessCheckerTest {
    private static Verdict check(Events events) {
        return new StalenessChecker(null).check(events.history(), CheckContext.defaults());
    }

    private static List<String> types(Verdict verdict) {
        return verdict.anomalies().stream().map(Anomaly::type).toList();
    }

    @Test
    void freshReadsAreRegularWithKZero() {
        Verdict verdict = check(new Events()
                .operation(1, OK, "read", null, null)
                .operation(0, OK, "write", null, 1)
                .operation(1, OK, "read", null, 1)
                .operation(0, OK, "write", null, 2)
                .operation(1, OK, "read", null, 2));

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(Stats.at(verdict.stats(), "k", "histogram")).isEqualTo(List.of(List.of(0L, 3L)));
        assertThat(Stats.at(verdict.stats(), "reads", "fresh")).isEqualTo(3L);
        assertThat(Stats.at(verdict.stats(), "window", "quantiles", "1")).isEqualTo(0L);
        assertThat(verdict.stats()).containsEntry("versionOrder", java.util.Map.of("write-order", 1L));
    }

    /** Goal: k counts every missed acknowledged version and Δt runs from the first of them. */
    @Test
    void aReadMissingTwoAcknowledgedVersionsHasKTwo() {
        Events events = new Events()
                .at(1_000).operation(0, OK, "write", null, 1)
                .at(10_000).operation(0, OK, "write", null, 2)
                .at(20_000).operation(0, OK, "write", null, 3)
                .at(50_000).operation(1, OK, "read", null, 1).node("n3");

        Verdict verdict = check(events);

        assertThat(types(verdict)).containsExactly("stale-read");
        Anomaly stale = verdict.anomalies().get(0);
        // Write 2 acknowledged at 11000 ns, write 3 at 21000 ns; the read invoked at 50000 ns.
        assertThat(stale.data()).containsEntry("k", 2L).containsEntry("delta", 39_000L).containsEntry("newest", 3L)
                .containsEntry("version", 1L).containsEntry("node", "n3");
        assertThat(stale.explanation()).isEqualTo("the read at op 7 (p1 at n3) returned 1 (version 1), but version 3"
                + " (op 4) was acknowledged at op 5, 29000 nanos before the read was invoked; the read missed 2"
                + " acknowledged newer versions, the first acknowledged 39000 nanos before it");
        assertThat(stale.ops()).containsExactly(4, 5, 6, 7);
        assertThat(Stats.at(verdict.stats(), "k", "histogram")).isEqualTo(List.of(List.of(2L, 1L)));
        assertThat(Stats.at(verdict.stats(), "delta", "quantiles", "0.5")).isEqualTo(39_000L);
        // Write 1's window is 0: no read returned anything older. Writes 2 and 3: the read at 50000.
        assertThat(Stats.at(verdict.stats(), "window", "cdf")).isEqualTo(List.of(
                List.of(0L, 1 / 3.0), List.of(29_000L, 2 / 3.0), List.of(39_000L, 1.0)));
        assertThat(Stats.at(verdict.stats(), "regularity", "valid")).isEqualTo(false);
        assertThat(Stats.list(verdict.stats().get("tVisibility"))).hasSize(1);
        assertThat(Stats.map(Stats.list(verdict.stats().get("tVisibility")).get(0)))
                .containsEntry("from", 20_000L).containsEntry("to", 50_000L).containsEntry("fresh", 0L);
    }

    @Test
    void aReadConcurrentWithTheWriteMayReturnEitherVersion() {
        Events events = new Events()
                .operation(0, OK, "write", null, 1)
                .invoke(1, "read", null, null)
                .invoke(0, "write", null, 2)
                .ok(0, "write", null, 2)
                .ok(1, "read", null, 1);

        assertThat(check(events).valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void aReadOfAVersionNotYetInvokedIsFromTheFuture() {
        Events events = new Events()
                .operation(1, OK, "read", null, 1)
                .operation(0, OK, "write", null, 1);

        Verdict verdict = check(events);

        assertThat(types(verdict)).containsExactly("future-read");
        assertThat(verdict.anomalies().get(0).explanation())
                .contains("returned 1 (version 1), but the newest version invoked before the read completed is the initial value");
    }

    @Test
    void readsOfUnwrittenOrFailedValuesAreThinAirAndAborted() {
        Verdict verdict = check(new Events()
                .operation(0, FAIL, "write", null, 5)
                .operation(1, OK, "read", null, 5)
                .operation(1, OK, "read", null, 6));

        assertThat(types(verdict)).containsExactly("aborted-read", "thin-air-read");
        assertThat(verdict.anomalies().get(0).ops()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aFinalReadOlderThanAnAcknowledgedWriteMakesItsWindowInfinite() {
        Verdict verdict = check(new Events()
                .operation(0, OK, "write", null, 1)
                .operation(0, OK, "write", null, 2)
                .finalRead(1, "n1", null, 1));

        assertThat(verdict.stats()).containsEntry("windowLost", 1L);
        assertThat(Stats.at(verdict.stats(), "window", "count")).isEqualTo(1L);
    }

    /** Goal: with meta.version, concurrent writers are measured, in the server's order. */
    @Test
    void metaVersionsOrderConcurrentWriters() {
        Events events = new Events()
                .invoke(0, "write", null, "a")
                .invoke(1, "write", null, "b")
                .ok(1, "write", null, "b").meta("version", 7)
                .ok(0, "write", null, "a").meta("version", 4)
                .operation(2, OK, "read", null, "a");

        Verdict verdict = check(events);

        assertThat(types(verdict)).containsExactly("stale-read");
        assertThat(verdict.anomalies().get(0).data()).containsEntry("version", 4L).containsEntry("newest", 7L);
        assertThat(verdict.stats()).containsEntry("versionOrder", java.util.Map.of("meta.version", 1L));
    }

    @Test
    void anIndeterminateWriteGetsItsVersionFromAReadThatReportsIt() {
        Events events = new Events()
                .operation(0, OK, "write", null, "a").meta("version", 1)
                .operation(1, INFO, "write", null, "b")
                .invoke(2, "read", null, null).ok(2, "read", null, "b").meta("version", 2);

        Verdict verdict = check(events);

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(Stats.at(verdict.stats(), "reads", "unversioned")).isEqualTo(0L);
    }

    @Test
    void overlappingWritersWithoutVersionsCannotBeMeasured() {
        Events events = new Events()
                .invoke(0, "write", "x", 1)
                .invoke(1, "write", "x", 2)
                .ok(0, "write", "x", 1)
                .ok(1, "write", "x", 2)
                .operation(0, OK, "write", "y", 1)
                .operation(1, OK, "read", "y", 1);

        Verdict verdict = check(events);

        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).isEqualTo("1 keys could not be measured, e.g. key x: the writes at ops 0 and 1 overlap,"
                + " and no write carries meta.version");
        assertThat(verdict.stats()).containsEntry("keysMeasured", 1L).containsEntry("keysSkipped", 1L);
    }

    @Test
    void anIndeterminateWriteKeepsItsPlaceInTheWritersOrder() {
        Events events = new Events()
                .operation(0, INFO, "write", null, 1)
                .operation(3, OK, "write", null, 2)
                .operation(1, OK, "read", null, 1);

        Verdict verdict = check(events);

        assertThat(types(verdict)).containsExactly("stale-read");
        assertThat(verdict.anomalies().get(0).data()).containsEntry("k", 1L);
    }
}
