package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each model's steps, its reading of fail, info and nil, and what it can prove about info ops. */
class ModelsTest {
    private static final Semantics DEFAULTS = Semantics.defaults();
    private static final Semantics KNOSSOS = new Semantics(0L, Semantics.NilRead.UNKNOWN, Semantics.FailedCas.NO_EFFECT);
    private static final Semantics PORCUPINE = new Semantics(Semantics.MODEL_DEFAULT, Semantics.NilRead.ABSENT,
            Semantics.FailedCas.COMPARE_FAILED);

    @SuppressWarnings("unchecked")
    private static <S> Model<S> model(String name, Semantics semantics) {
        return (Model<S>) Models.create(name, semantics);
    }

    private static Operation operation(OpType outcome, String f, Object invoked, Object returned) {
        Op invoke = Op.invoke(0, f, null, invoked);
        Op complete = Op.completion(outcome, 0, f, null, outcome == OpType.OK ? returned : invoked);
        return new Operation(0, 1, invoke, complete);
    }

    private static Call call(Model<?> model, OpType outcome, String f, Object invoked, Object returned) {
        return model.interpret(operation(outcome, f, invoked, returned));
    }

    @Test
    void registerReadsWhatWasWrittenAndNilMeansAbsentByDefault() {
        Model<Object> register = model("register", DEFAULTS);
        Object start = register.initialState();
        Object afterWrite = register.step(start, call(register, OpType.OK, "write", 3L, 3L));
        assertThat(register.step(afterWrite, call(register, OpType.OK, "read", null, 3L))).isEqualTo(afterWrite);
        assertThat(register.step(afterWrite, call(register, OpType.OK, "read", null, 4L))).isNull();
        assertThat(register.step(start, call(register, OpType.OK, "read", null, null))).isEqualTo(start);
        assertThat(register.step(afterWrite, call(register, OpType.OK, "read", null, null))).isNull();
        assertThat(register.describeState(start)).isEqualTo("nil");
    }

    @Test
    void knossosReadingDropsNilReadsAndFailuresAndStartsAtTheGivenValue() {
        Model<Object> register = model("cas-register", KNOSSOS);
        assertThat(register.initialState()).isEqualTo(0L);
        assertThat(call(register, OpType.OK, "read", null, null)).isNull();
        assertThat(call(register, OpType.FAIL, "cas", List.of(0L, 1L), null)).isNull();
        assertThat(call(register, OpType.FAIL, "write", 1L, null)).isNull();
    }

    @Test
    void casSucceedsOnlyOnItsExpectedValueAndAFailedCompareIsReadOnly() {
        Model<Object> register = model("cas-register", PORCUPINE);
        Object one = register.step(register.initialState(), call(register, OpType.OK, "write", 1L, 1L));
        Call cas = call(register, OpType.OK, "cas", List.of(1L, 2L), List.of(1L, 2L));
        assertThat(register.step(one, cas)).isEqualTo(2L);
        assertThat(register.step(2L, cas)).isNull();
        assertThat(register.rejection(2L, cas)).isEqualTo("cas expected 1, but the value is 2");

        Call failed = call(register, OpType.FAIL, "cas", List.of(1L, 2L), null);
        assertThat(failed).isNotNull();
        assertThat(register.isReadOnly(failed)).isTrue();
        assertThat(register.step(2L, failed)).isEqualTo(2L);
        assertThat(register.step(one, failed)).isNull();

        Call crashed = call(register, OpType.INFO, "cas", List.of(1L, 2L), null);
        assertThat(register.step(one, crashed)).isEqualTo(2L);
        assertThat(register.step(5L, crashed)).isEqualTo(5L);
        assertThat(register.isReadOnly(crashed)).isFalse();
    }

    @Test
    void registerRejectsFunctionsAndValuesItDoesNotKnow() {
        Model<Object> register = model("register", DEFAULTS);
        assertThatThrownBy(() -> call(register, OpType.OK, "cas", List.of(1L, 2L), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no function 'cas'");
        Model<Object> casRegister = model("cas-register", DEFAULTS);
        assertThatThrownBy(() -> call(casRegister, OpType.OK, "cas", 3L, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[expected new]");
    }

    @Test
    void kvAppendsToTheEmptyStringAndReadsWithGet() {
        Model<Object> kv = model("kv", DEFAULTS);
        assertThat(kv.initialState()).isEqualTo(Text.of(""));
        Object ab = kv.step(kv.step(kv.initialState(), call(kv, OpType.OK, "append", "a", "a")), call(kv, OpType.OK, "append", "b", "b"));
        assertThat(ab).isEqualTo(Text.of("ab")).hasSameHashCodeAs(Text.of("ab"));
        assertThat(kv.step(ab, call(kv, OpType.OK, "get", null, "ab"))).isEqualTo(ab);
        assertThat(kv.step(ab, call(kv, OpType.OK, "get", null, "a"))).isNull();
        assertThat(kv.step(ab, call(kv, OpType.OK, "put", "c", "c"))).isEqualTo(Text.of("c"));
        assertThat(kv.describeState(ab)).isEqualTo("ab");
    }

    @Test
    void setReadsMustListEveryElementOnce() {
        Model<Set<Object>> set = model("set", DEFAULTS);
        Set<Object> oneTwo = set.step(set.step(set.initialState(), call(set, OpType.OK, "add", 1L, 1L)),
                call(set, OpType.OK, "add", 2L, 2L));
        assertThat(set.step(oneTwo, call(set, OpType.OK, "read", null, List.of(2L, 1L)))).isEqualTo(oneTwo);
        assertThat(set.step(oneTwo, call(set, OpType.OK, "read", null, List.of(1L)))).isNull();
        assertThat(set.step(oneTwo, call(set, OpType.OK, "read", null, List.of(1L, 1L, 2L)))).isNull();
        assertThat(set.describeState(oneTwo)).isEqualTo("#{1 2}");
    }

    @Test
    void fifoQueueDequeuesTheHeadAndNilMeansEmpty() {
        Model<List<Object>> queue = model("fifo-queue", DEFAULTS);
        List<Object> oneTwo = queue.step(queue.step(queue.initialState(), call(queue, OpType.OK, "enqueue", 1L, 1L)),
                call(queue, OpType.OK, "enqueue", 2L, 2L));
        assertThat(queue.step(oneTwo, call(queue, OpType.OK, "dequeue", null, 1L))).containsExactly(2L);
        assertThat(queue.step(oneTwo, call(queue, OpType.OK, "dequeue", null, 2L))).isNull();
        Call empty = call(queue, OpType.OK, "dequeue", null, null);
        assertThat(queue.isReadOnly(empty)).isTrue();
        assertThat(queue.step(queue.initialState(), empty)).isEmpty();
        assertThat(queue.step(oneTwo, empty)).isNull();
        assertThat(queue.step(oneTwo, call(queue, OpType.INFO, "dequeue", null, null))).containsExactly(2L);
    }

    @Test
    void mutexAlternatesAcquireAndRelease() {
        Model<Boolean> mutex = model("mutex", DEFAULTS);
        Call acquire = call(mutex, OpType.OK, "acquire", null, null);
        Call release = call(mutex, OpType.OK, "release", null, null);
        assertThat(mutex.step(false, acquire)).isTrue();
        assertThat(mutex.step(true, acquire)).isNull();
        assertThat(mutex.step(true, release)).isFalse();
        assertThat(mutex.step(false, release)).isNull();
    }

    @Test
    void multiRegisterAppliesMicroOperationsInOrder() {
        Model<Map<Object, Object>> registers = model("multi-register", new Semantics(Semantics.MODEL_DEFAULT, Semantics.NilRead.UNKNOWN, Semantics.FailedCas.NO_EFFECT));
        Call writeThenRead = call(registers, OpType.OK, "txn", null,
                List.of(List.of("w", "x", 1L), List.of("r", "x", 1L)));
        Map<Object, Object> x1 = registers.step(registers.initialState(), writeThenRead);
        assertThat(x1).containsEntry("x", 1L);
        assertThat(registers.step(x1, call(registers, OpType.OK, "txn", null, List.of(List.of("read", "x", 2L))))).isNull();
        assertThat(registers.step(x1, call(registers, OpType.OK, "txn", null, Arrays.asList(Arrays.asList("read", "y", null)))))
                .as("a nil read tells nothing under Knossos's reading").isEqualTo(x1);
        assertThatThrownBy(() -> call(registers, OpType.OK, "txn", null, List.of(List.of("incr", "x", 1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[read k v]");
    }

    @Test
    void unobservedInfoWritesAreDroppableOnlyWithoutFailedComparesOrAppends() {
        Model<Object> register = model("cas-register", DEFAULTS);
        List<Call> calls = List.of(
                call(register, OpType.INFO, "write", 7L, null),
                call(register, OpType.INFO, "write", 8L, null),
                call(register, OpType.OK, "read", null, 8L),
                call(register, OpType.INFO, "cas", List.of(8L, 9L), null));
        assertThat(register.unobservedInfo(calls)).containsExactly(true, false, false, true);
        Model<Object> porcupine = model("cas-register", PORCUPINE);
        List<Call> withFailedCompare = List.of(
                call(porcupine, OpType.INFO, "write", 7L, null),
                call(porcupine, OpType.FAIL, "cas", List.of(1L, 2L), null));
        assertThat(porcupine.unobservedInfo(withFailedCompare)).containsExactly(false, false);
    }

    @Test
    void autoChoosesTheModelThatKnowsEveryFunction() {
        assertThat(Models.infer(operations("read", "write"))).isEqualTo("register");
        assertThat(Models.infer(operations("read", "write", "cas"))).isEqualTo("cas-register");
        assertThat(Models.infer(operations("get", "append"))).isEqualTo("kv");
        assertThat(Models.infer(operations("add", "read"))).isEqualTo("set");
        assertThat(Models.infer(operations("enqueue", "dequeue"))).isEqualTo("fifo-queue");
        assertThat(Models.infer(operations("acquire", "release"))).isEqualTo("mutex");
        assertThat(Models.infer(operations("txn"))).isEqualTo("multi-register");
        assertThatThrownBy(() -> Models.infer(operations("read", "enqueue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model");
    }

    @Test
    void initialValuesMustFitTheModel() {
        Semantics list = new Semantics(List.of(1L), Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT);
        assertThatThrownBy(() -> Models.create("mutex", list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--initial");
        Semantics number = new Semantics(3L, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT);
        assertThatThrownBy(() -> Models.create("set", number)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> Models.create("stack", number)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--model");
    }

    private static List<Operation> operations(String... functions) {
        return Arrays.stream(functions).map(f -> operation(OpType.OK, f, null, null)).toList();
    }
}
