package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.CheckerRegistry;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The checker as the command line builds it: options, model choice, partitioning, the pool. */
class LinearizableCheckerTest {
    private static final CheckContext CONTEXT = CheckContext.of(Duration.ofSeconds(30), 256L << 20, 2);

    @Test
    void theRegistryBuildsItFromOptions() {
        assertThat(CheckerRegistry.names()).contains("linearizable");
        assertThat(CheckerRegistry.create("linearizable", CheckerOptions.none()).name()).isEqualTo("linearizable");
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("model", "stack"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model");
        assertThatThrownBy(() -> LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("initial", "{oops"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--initial must be a JSON value");
        assertThatThrownBy(() -> LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("nil-read", "maybe"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nil-read");
        assertThatThrownBy(() -> LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("failed-cas", "sometimes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--failed-cas");
        assertThatThrownBy(() -> LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("model", "set", "initial", "3"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON array");
    }

    @Test
    void anOperationTheModelDoesNotKnowIsReportedWithItsLine() {
        History history = Histories.history().invoke(0, "enqueue", 1L).ok(0, "enqueue", 1L).build();
        LinearizableChecker checker = LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("model", "register")));
        assertThatThrownBy(() -> checker.check(history, CONTEXT)).isInstanceOf(HistoryFormatException.class)
                .hasMessage("<history>:1: model register has no function 'enqueue' (it knows read, write)");
    }

    @Test
    void autoPicksTheModelFromTheFunctions() {
        History history = Histories.history().invoke(0, "enqueue", 1L).ok(0, "enqueue", 1L)
                .invoke(0, "dequeue", null).ok(0, "dequeue", 1L).build();
        Verdict verdict = LinearizableChecker.fromOptions(CheckerOptions.none()).check(history, CONTEXT);
        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("model", "fifo-queue");
    }

    @Test
    void anEmptyHistoryIsLinearizable() {
        Verdict verdict = LinearizableChecker.fromOptions(CheckerOptions.none()).check(History.of(List.of()), CONTEXT);
        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("partitions", 0L);
    }

    @Test
    void keysArePartitionsUnlessToldOtherwise() {
        History history = Histories.history()
                .invoke(0, "write", "x", 1L).ok(0, "write", "x", 1L)
                .invoke(0, "write", "y", 2L).ok(0, "write", "y", 2L)
                .invoke(1, "read", "x", null).ok(1, "read", "x", 1L)
                .build();
        Verdict partitioned = LinearizableChecker.fromOptions(CheckerOptions.none()).check(history, CONTEXT);
        assertThat(partitioned.stats()).containsEntry("partitions", 2L);
        Verdict whole = LinearizableChecker.fromOptions(CheckerOptions.of(Map.of("partition", "false"))).check(history, CONTEXT);
        assertThat(whole.stats()).containsEntry("partitions", 1L);
        assertThat(partitioned.valid()).isEqualTo(Validity.TRUE).isEqualTo(whole.valid());
    }

    /** Enough operations for the pool: the verdict must not depend on how many threads run the partitions. */
    @Test
    void thePoolAndTheCallingThreadAgree() {
        for (long seed = 1; seed <= 20; seed++) {
            History history = RandomHistories.generate(new SplittableRandom(seed), RandomHistories.CAS_REGISTER, 6, 1500,
                    false, List.of("a", "b", "c", "d", "e", "f", "g", "h"));
            LinearizableChecker checker = new LinearizableChecker("cas-register", Semantics.defaults(), true, Pruning.ALL);
            Validity alone = checker.check(history, CheckContext.of(Duration.ofSeconds(60), 256L << 20, 1)).valid();
            Validity pooled = checker.check(history, CheckContext.of(Duration.ofSeconds(60), 256L << 20, 2)).valid();
            assertThat(pooled).as("seed %d", seed).isEqualTo(alone);
        }
    }
}
