package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Goal: each rule of the stale-read pre-check finds its violation, with a sub-history that is
 * exactly what the violation needs, and stays quiet where a linearization exists or the rule
 * does not apply. Method: hand-written cas-register histories (a CAS keeps the zone check out),
 * each rule's smallest case; the verdict must name the pre-check and its sub-history.
 */
class StaleReadsTest {
    private static final Pruning ONLY_STALE_READS = new Pruning(false, false, false, false, false, false, false, true);

    private static Verdict check(History history, Pruning pruning) {
        return new LinearizableChecker("cas-register", Semantics.defaults(), true, pruning)
                .check(history, CheckContext.of(Duration.ofSeconds(30), 64L << 20, 1));
    }

    /** The sub-history of the pre-check's finding, as op indexes; fails unless the pre-check found it. */
    private static List<Object> preCheckSubhistory(History history) {
        Verdict verdict = check(history, ONLY_STALE_READS);
        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        Anomaly anomaly = verdict.anomalies().get(0);
        assertThat(anomaly.data()).containsEntry("engine", "pre-check");
        assertThat(anomaly.explanation()).contains("stale-read check");
        assertThat(check(history, Pruning.NONE).valid()).as("the plain search agrees").isEqualTo(Validity.FALSE);
        @SuppressWarnings("unchecked")
        List<Object> subhistory = (List<Object>) anomaly.data().get("subhistory");
        return subhistory;
    }

    @Test
    void aReadOfAValueOverwrittenBeforeItBeganIsAStaleRead() {
        // The failed cas did not happen; it is there to show that the pre-check ignores it.
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(7L, 8L)).fail(1, "cas", List.of(7L, 8L))
                .invoke(2, "write", 2L).ok(2, "write", 2L)
                .invoke(3, "read", null).ok(3, "read", 2L)
                .invoke(4, "read", null).ok(4, "read", 1L)
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 4L, 8L);
        Anomaly anomaly = check(history, ONLY_STALE_READS).anomalies().get(0);
        assertThat(anomaly.explanation()).startsWith("p4's read → 1 (op 8) cannot be linearized: read returned 1, but the value is 2.")
                .contains("these 3 operations alone cannot be linearized");
    }

    @Test
    void aStaleReadThroughACasChainNeedsTheChainButNothingElse() {
        // The shape of the 22k-op Raft run: 1551 came from cas [1550 1551]; write 1563 replaced it.
        History history = Histories.history()
                .invoke(0, "write", 1550L).ok(0, "write", 1550L)
                .invoke(1, "cas", List.of(1550L, 1551L)).ok(1, "cas", List.of(1550L, 1551L))
                .invoke(2, "write", 1563L).ok(2, "write", 1563L)
                .invoke(3, "read", null).ok(3, "read", 1551L)
                .invoke(4, "cas", List.of(1563L, 1566L)).ok(4, "cas", List.of(1563L, 1566L))
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 2L, 4L, 6L);
    }

    @Test
    void anInfoWriteThatSomeoneReadTookEffect() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "write", 2L).info(1, "write", 2L)
                .invoke(2, "read", null).ok(2, "read", 2L)
                .invoke(3, "cas", List.of(1L, 3L)).ok(3, "cas", List.of(1L, 3L))
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 2L, 4L, 6L);
    }

    @Test
    void anInfoWriteNobodyReadMayNeverHaveHappened() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "write", 2L).info(1, "write", 2L)
                .invoke(2, "read", null).ok(2, "read", 1L)
                .invoke(3, "cas", List.of(1L, 3L)).ok(3, "cas", List.of(1L, 3L))
                .build();
        assertThat(check(history, ONLY_STALE_READS).valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void anInfoCasTookEffectWhenItsValueWasRead() {
        // cas [1 2] crashed, but 2 was read: so it found 1, after write 1 returned and before the read of 2.
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(1L, 2L)).info(1, "cas", List.of(1L, 2L))
                .invoke(2, "read", null).ok(2, "read", 2L)
                .invoke(3, "read", null).ok(3, "read", 1L)
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 2L, 4L, 6L);
    }

    @Test
    void aReadThatReturnedBeforeItsValuesCasBeganIsFromTheFuture() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(2, "read", null).ok(2, "read", 2L)
                .invoke(1, "cas", List.of(1L, 2L)).ok(1, "cas", List.of(1L, 2L))
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 2L, 4L);
    }

    @Test
    void aReadOfAValueAfterTheCasFromItCompletedIsStale() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(1L, 2L)).ok(1, "cas", List.of(1L, 2L))
                .invoke(2, "read", null).ok(2, "read", 1L)
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 2L, 4L);
    }

    @Test
    void twoCasFromOneValueCannotBothHappen() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(1L, 2L))
                .invoke(2, "cas", List.of(1L, 3L))
                .ok(1, "cas", List.of(1L, 2L))
                .ok(2, "cas", List.of(1L, 3L))
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 2L, 3L);
    }

    @Test
    void casThatTakeEachOthersValuesCannotStart() {
        History history = Histories.history()
                .invoke(1, "cas", List.of(1L, 2L))
                .invoke(2, "cas", List.of(2L, 1L))
                .ok(1, "cas", List.of(1L, 2L))
                .ok(2, "cas", List.of(2L, 1L))
                .build();
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 1L);
    }

    @Test
    void concurrentOperationsMayTakeEffectInEitherOrder() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(1L, 2L))
                .invoke(2, "read", null)
                .invoke(3, "write", 3L)
                .ok(2, "read", 1L)
                .ok(1, "cas", List.of(1L, 2L))
                .ok(3, "write", 3L)
                .invoke(4, "read", null).ok(4, "read", 3L)
                .build();
        assertThat(check(history, ONLY_STALE_READS).valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void repeatedValuesLeaveTheDecisionToTheSearch() {
        // Write 1 twice: the read of 1 after write 2 may have seen the second write 1.
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(1L, 2L)).ok(1, "cas", List.of(1L, 2L))
                .invoke(2, "write", 1L)
                .invoke(3, "read", null).ok(3, "read", 1L)
                .ok(2, "write", 1L)
                .build();
        assertThat(check(history, ONLY_STALE_READS).valid()).isEqualTo(Validity.TRUE);
        Partition partition = new Partition(null, Partitioner.partitions(history,
                Models.create("cas-register", Semantics.defaults()), true).get(0).ops());
        CompiledPartition compiled = CompiledPartition.compile(partition, Models.create("cas-register", Semantics.defaults()),
                ONLY_STALE_READS, new MemoryBudget(64L << 20));
        assertThat(StaleReads.find(compiled)).isNull();
    }

    @Test
    void withTheSwitchOffTheSearchFindsTheSameViolation() {
        History history = Histories.history()
                .invoke(0, "write", 1L).ok(0, "write", 1L)
                .invoke(1, "cas", List.of(1L, 2L)).ok(1, "cas", List.of(1L, 2L))
                .invoke(2, "read", null).ok(2, "read", 1L)
                .build();
        Map<String, Object> data = check(history, Pruning.ALL.searchOnly()).anomalies().get(0).data();
        assertThat(data).containsEntry("engine", "search").containsEntry("op", 4L);
    }
}
