package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.HistoryText;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Goal: each rule of the stale-read pre-check finds its violation, with a sub-history that is
 * exactly what the violation needs, and stays quiet where a linearization exists or the rule
 * does not apply. Method: hand-written cas-register histories (a CAS keeps the zone check out),
 * each rule's smallest case; the verdict must name the pre-check and its sub-history (written
 * with {@link HistoryText#timeline}, the k-th operation's events have indexes 2k and 2k + 1).
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
        History history = HistoryText.timeline("0:w(1) 1:cas(7,8)! 2:w(2) 3:r(2) 4:r(1)");
        assertThat(preCheckSubhistory(history)).containsExactly(0L, 4L, 8L);
        Anomaly anomaly = check(history, ONLY_STALE_READS).anomalies().get(0);
        assertThat(anomaly.explanation()).startsWith("p4's read → 1 (op 8) cannot be linearized: read returned 1, but the value is 2.")
                .contains("these 3 operations alone cannot be linearized");
    }

    /** Each rule's smallest case: the rule, the history, and the op indexes of the sub-history it must hand on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the 22k Raft run: a stale read through a cas chain needs the chain, nothing else | 0:w(1550) 1:cas(1550,1551) 2:w(1563) 3:r(1551) 4:cas(1563,1566) | 0 2 4 6
            an info write that someone read took effect | 0:w(1) 1:w(2)? 2:r(2) 3:cas(1,3) | 0 2 4 6
            an info cas took effect when its value was read | 0:w(1) 1:cas(1,2)? 2:r(2) 3:r(1) | 0 2 4 6
            a read that returned before its values cas began is from the future | 0:w(1) 2:r(2) 1:cas(1,2) | 0 2 4
            a read of a value after the cas from it completed is stale | 0:w(1) 1:cas(1,2) 2:r(1) | 0 2 4
            """)
    void eachRuleFindsItsViolationWithTheSubHistoryItNeeds(String rule, String timeline, String subhistory) {
        List<Object> expected = new ArrayList<>();
        for (String index : subhistory.split(" ")) {
            expected.add(Long.parseLong(index));
        }
        assertThat(preCheckSubhistory(HistoryText.timeline(timeline))).as(rule).isEqualTo(expected);
    }

    @Test
    void anInfoWriteNobodyReadMayNeverHaveHappened() {
        History history = HistoryText.timeline("0:w(1) 1:w(2)? 2:r(1) 3:cas(1,3)");
        assertThat(check(history, ONLY_STALE_READS).valid()).isEqualTo(Validity.TRUE);
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
        // Write 1 twice: the read of 1 after cas [1 2] saw the second write 1.
        History history = HistoryText.timeline("0:w(1) 1:cas(1,2) 2:w(1) 3:r(1)");
        assertThat(check(history, ONLY_STALE_READS).valid()).isEqualTo(Validity.TRUE);
        Partition partition = new Partition(null, Partitioner.partitions(history,
                Models.create("cas-register", Semantics.defaults()), true).get(0).ops());
        CompiledPartition compiled = CompiledPartition.compile(partition, Models.create("cas-register", Semantics.defaults()),
                ONLY_STALE_READS, new MemoryBudget(64L << 20));
        assertThat(StaleReads.find(compiled)).isNull();
    }

    @Test
    void withTheSwitchOffTheSearchFindsTheSameViolation() {
        History history = HistoryText.timeline("0:w(1) 1:cas(1,2) 2:r(1)");
        Map<String, Object> data = check(history, Pruning.ALL.searchOnly()).anomalies().get(0).data();
        assertThat(data).containsEntry("engine", "search").containsEntry("op", 4L);
    }
}
