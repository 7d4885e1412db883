package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Goal: a search that cannot finish answers unknown with the cause and how far it got, within
 * its budget, and a violation elsewhere stops it. Method: a partition the plain search cannot
 * finish (25 crashed writes, all concurrent, then a read of a value nobody wrote: every subset
 * and order of the writes is tried), checked with small time and memory limits. Bounds are
 * generous because other builds share the machine.
 */
class BudgetTest {
    private static final Semantics DEFAULTS = Semantics.defaults();

    /** 25 crashed writes of 0..2 on key k, and then a read of 7 that completes. */
    private static Histories hopeless(Histories history, Object key) {
        for (int process = 0; process < 25; process++) {
            history.invoke(process, "write", key, (long) (process % 3));
        }
        return history.invoke(100, "read", key, null).ok(100, "read", key, 7L);
    }

    @Test
    void theTimeLimitEndsTheSearchWithUnknown() {
        History history = hopeless(Histories.history(), null).build();
        LinearizableChecker checker = new LinearizableChecker("register", DEFAULTS, true, Pruning.NONE);
        long start = System.nanoTime();
        Verdict verdict = checker.check(history, CheckContext.of(Duration.ofMillis(50), 256L << 20, 1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).startsWith("time limit of 0.05 s reached while checking the history (26 operations) after ")
                .contains("configurations").endsWith("(0 of 1 partition decided)");
        assertThat(elapsedMillis).isLessThan(20_000);
    }

    @Test
    void theMemoryLimitEndsTheSearchWithUnknown() {
        History history = hopeless(Histories.history(), null).build();
        LinearizableChecker checker = new LinearizableChecker("register", DEFAULTS, true, Pruning.NONE);
        Verdict verdict = checker.check(history, CheckContext.of(Duration.ofSeconds(60), 4L << 20, 1));
        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).startsWith("memory limit of 4 MiB reached while checking the history");
    }

    @Test
    void theSameHistoryIsDecidedAtOnceWithPruning() {
        History history = hopeless(Histories.history(), null).build();
        Verdict verdict = new LinearizableChecker("register", DEFAULTS, true, Pruning.ALL)
                .check(history, CheckContext.of(Duration.ofSeconds(60), 64L << 20, 1));
        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
    }

    @Test
    void aViolationInOnePartitionCancelsTheOthers() {
        Histories history = hopeless(Histories.history(), "hard");
        // 2,100 more operations on other keys, so that the partitions go to the pool; one key is stale.
        for (int key = 0; key < 300; key++) {
            for (int round = 0; round < 7; round++) {
                history.invoke(200, "write", (long) key, (long) round).ok(200, "write", (long) key, (long) round);
            }
        }
        history.invoke(200, "read", 42L, null).ok(200, "read", 42L, 0L);
        LinearizableChecker checker = new LinearizableChecker("register", DEFAULTS, true, Pruning.NONE);
        long start = System.nanoTime();
        Verdict verdict = checker.check(history.build(), CheckContext.of(Duration.ofSeconds(120), 256L << 20, 2));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(verdict.valid()).isEqualTo(Validity.FALSE);
        assertThat(verdict.anomalies()).hasSize(1);
        assertThat(verdict.anomalies().get(0).data()).containsEntry("partition", 42L);
        assertThat(elapsedMillis).as("the hopeless partition must be cancelled, not run to the limit").isLessThan(60_000);
    }
}
