package dev.faultline.harness.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test oracle itself: it must flag a real-time stale read and accept overlapping ones. */
class StaleReadCheckerTest {

    private static Op op(long time, int process, OpType type, String f, Object value) {
        return new Op(0, time, process, type, f, null, value, null, null, Map.of(), false);
    }

    private static Validity check(Op... ops) {
        return new StaleReadChecker().check(History.of(List.of(ops)), CheckContext.defaults()).valid();
    }

    @Test
    void aReadOfAnOverwrittenValueIsStale() {
        assertThat(check(
                op(1, 0, OpType.INVOKE, "write", 1L), op(2, 0, OpType.OK, "write", 1L),
                op(3, 0, OpType.INVOKE, "write", 2L), op(4, 0, OpType.OK, "write", 2L),
                op(5, 1, OpType.INVOKE, "read", null), op(6, 1, OpType.OK, "read", 1L))).isEqualTo(Validity.FALSE);
        assertThat(check(
                op(1, 0, OpType.INVOKE, "write", 1L), op(2, 0, OpType.OK, "write", 1L),
                op(5, 1, OpType.INVOKE, "read", null), op(6, 1, OpType.OK, "read", null))).isEqualTo(Validity.FALSE);
    }

    @Test
    void concurrentAndIndeterminateWritesExcuseARead() {
        assertThat(check(
                op(1, 0, OpType.INVOKE, "write", 1L), op(2, 0, OpType.OK, "write", 1L),
                op(3, 0, OpType.INVOKE, "write", 2L), op(4, 1, OpType.INVOKE, "read", null),
                op(5, 0, OpType.OK, "write", 2L), op(6, 1, OpType.OK, "read", 1L))).isEqualTo(Validity.TRUE);
        assertThat(check(
                op(1, 0, OpType.INVOKE, "write", 1L), op(2, 0, OpType.INFO, "write", 1L),
                op(3, 2, OpType.INVOKE, "write", 2L), op(4, 2, OpType.OK, "write", 2L),
                op(5, 1, OpType.INVOKE, "read", null), op(6, 1, OpType.OK, "read", 1L))).isEqualTo(Validity.TRUE);
    }
}
