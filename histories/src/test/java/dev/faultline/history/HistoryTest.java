package dev.faultline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static Op invoke(int process, String f, Object value) {
        return Op.invoke(process, f, null, value);
    }

    private static Op ok(int process, String f, Object value) {
        return Op.completion(OpType.OK, process, f, null, value);
    }

    @Test
    void pairsEachInvocationWithItsCompletion() {
        History history = History.of(List.of(
                invoke(0, "write", 1L), invoke(1, "read", null), ok(0, "write", 1L), ok(1, "read", 1L)));

        assertThat(history.pairOf(0)).isEqualTo(2);
        assertThat(history.pairOf(2)).isEqualTo(0);
        assertThat(history.pairOf(1)).isEqualTo(3);
        assertThat(history.operations()).extracting(Operation::f).containsExactly("write", "read");
        assertThat(history.operations().get(1).value()).isEqualTo(1L);
        assertThat(history.warnings()).isEmpty();
    }

    @Test
    void rejectsASecondInvocationBeforeTheFirstCompletes() {
        assertThatThrownBy(() -> History.of("h.jsonl", List.of(invoke(3, "write", 1L), invoke(3, "read", null))))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessage("h.jsonl:2: process 3 invoked read while its write invoked at line 1 has not completed");
    }

    @Test
    void rejectsACompletionWithoutAnInvocation() {
        assertThatThrownBy(() -> History.of("h", List.of(ok(4, "read", 1L))))
                .hasMessage("h:1: ok read from process 4 completes nothing: the process has no invocation in progress");
    }

    @Test
    void rejectsACompletionOfAnotherFunction() {
        assertThatThrownBy(() -> History.of("h", List.of(invoke(2, "read", null), ok(2, "write", 1L))))
                .hasMessage("h:2: process 2 completed write but invoked read at line 1");
    }

    @Test
    void closesInvocationsThatNeverCompleteAsInfoAndSaysSo() {
        History history = History.of("h", List.of(invoke(0, "write", 1L), invoke(1, "read", null), ok(1, "read", null)));

        Operation open = history.operations().get(0);
        assertThat(open.outcome()).isEqualTo(OpType.INFO);
        assertThat(open.completion()).isEqualTo(-1);
        assertThat(history.warnings()).containsExactly(
                "h:1: process 0's write never completed; treated as info (may or may not have happened)");
    }

    @Test
    void neverPairsNemesisEvents() {
        Op start = new Op(0, Op.NO_TIME, Op.NEMESIS, OpType.INFO, "start-partition", null, null, null, null, null, false);
        History history = History.of(List.of(start, start.withIndex(1)));
        assertThat(history.pairOf(0)).isEqualTo(-1);
        assertThat(history.operations()).isEmpty();
        assertThat(history.nemesisOps()).hasSize(2);
    }

    @Test
    void requiresIncreasingIndicesAndTimes() {
        Op first = invoke(0, "read", null).withIndex(5);
        assertThatThrownBy(() -> History.of("h", List.of(first, ok(0, "read", null).withIndex(5))))
                .hasMessage("h:2: index 5 does not follow index 5");
        assertThatThrownBy(() -> History.of("h", List.of(
                        invoke(0, "read", null).withTime(10), ok(0, "read", null).withIndex(1).withTime(9))))
                .hasMessage("h:2: time 9 goes back from 10");
    }

    @Test
    void describesOpsStably() {
        Op op = new Op(12, 100, 3, OpType.OK, "cas", "x", List.of(1L, 2L), "n2", null, null, false);
        assertThat(op.describe()).isEqualTo("12 p3 ok cas x [1 2] @n2");
    }
}
