package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real-time order: file order, and closed intervals when events carry times. */
class EventRanksTest {
    @Test
    void withoutTimesTheFileOrderIsTheOrder() {
        History history = Histories.history().invoke(0, "write", 1L).ok(0, "write", 1L).invoke(1, "read", null)
                .ok(1, "read", 1L).build();
        assertThat(EventRanks.of(history)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void anInvocationAtTheSameTimeAsACompletionComesFirst() {
        List<Op> ops = Histories.history().invoke(0, "write", 1L).ok(0, "write", 1L).invoke(1, "read", null)
                .ok(1, "read", 0L).build().ops();
        History timed = History.of(List.of(ops.get(0).withTime(0), ops.get(1).withTime(10), ops.get(2).withTime(10),
                ops.get(3).withTime(20)));
        assertThat(EventRanks.of(timed)).containsExactly(0, 2, 1, 3);
        // The write [0,10] and the read [10,20] touch, so they are concurrent: the read of 0 can come first.
        LinearizableChecker checker = new LinearizableChecker("register",
                new Semantics(0L, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT), true, Pruning.ALL);
        assertThat(checker.check(timed, CheckContext.withTimeLimit(Duration.ofSeconds(10))).valid()).isEqualTo(Validity.TRUE);
        History untimed = History.of(ops);
        assertThat(checker.check(untimed, CheckContext.withTimeLimit(Duration.ofSeconds(10))).valid()).isEqualTo(Validity.FALSE);
    }
}
