package dev.faultline.target.common.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Goal: every target's state machine means the same by each operation and reports exactly the
 * changes it makes; deciding a request never changes the store, applying it makes exactly the
 * decided change.
 */
class KvStoreTest {
    private final KvStore store = new KvStore();
    private final List<List<Object>> changes = new ArrayList<>();

    private KvReply apply(KvRequest request) {
        return store.apply(request, (key, previous, value) -> changes.add(Arrays.asList(key, previous, value)));
    }

    @Test
    void registersChangeOnWriteAndOnAMatchingCasOnly() {
        assertThat(apply(KvRequest.read("x", 1, 1))).isEqualTo(KvReply.ok(null));
        assertThat(apply(KvRequest.write("x", 1L, 1, 2))).isEqualTo(KvReply.ok(null));
        assertThat(apply(KvRequest.cas("x", 2L, 3L, 1, 3))).isEqualTo(KvReply.fail(KvErrors.CAS_MISMATCH));
        assertThat(apply(KvRequest.cas("x", 1L, 3L, 1, 4))).isEqualTo(KvReply.ok(null));
        assertThat(apply(KvRequest.read("x", 1, 5))).isEqualTo(KvReply.ok(3L));
        assertThat(changes).containsExactly(Arrays.asList("x", null, 1L), Arrays.asList("x", 1L, 3L));
    }

    @Test
    void setsIgnoreARepeatedElementAndListsKeepIt() {
        for (long element : new long[] {1, 2, 1}) {
            apply(new KvRequest(KvOp.ADD, "s", element, 1, element));
            apply(new KvRequest(KvOp.APPEND, "l", element, 1, element));
        }
        assertThat(store.get("s")).isEqualTo(List.of(1L, 2L));
        assertThat(store.get("l")).isEqualTo(List.of(1L, 2L, 1L));
        assertThat(changes).hasSize(5);
    }

    @Test
    void aCollectionOperationOnARegisterIsWrongType() {
        apply(KvRequest.write("x", 1L, 1, 1));
        assertThat(apply(new KvRequest(KvOp.APPEND, "x", 2L, 1, 2))).isEqualTo(KvReply.fail(KvErrors.WRONG_TYPE));
        assertThat(store.get("x")).isEqualTo(1L);
        assertThat(store.entries()).hasSize(1);
    }

    @Test
    void decideLeavesTheStoreAloneAndApplyMakesTheChange() {
        KvStore.Decision write = store.decide(KvRequest.write("x", 1L, 0, 1));
        assertThat(write.changes()).isTrue();
        assertThat(store.get("x")).isNull();
        assertThat(store.apply(KvRequest.write("x", 1L, 0, 1))).isEqualTo(KvReply.ok(null));
        assertThat(store.decide(KvRequest.cas("x", 2L, 3L, 0, 2)))
                .isEqualTo(new KvStore.Decision(KvReply.fail(KvErrors.CAS_MISMATCH), false, null, null));
        assertThat(store.apply(KvRequest.cas("x", 1L, 3L, 0, 3)).isOk()).isTrue();
        assertThat(store.apply(KvRequest.read("x", 0, 4)).value()).isEqualTo(3L);
        assertThat(store.apply(new KvRequest(KvOp.ADD, "x", 1L, 0, 5))).isEqualTo(KvReply.fail(KvErrors.WRONG_TYPE));
        store.apply(new KvRequest(KvOp.ADD, "s", 1L, 0, 6));
        assertThat(store.decide(new KvRequest(KvOp.ADD, "s", 1L, 0, 7)).changes()).as("a set holds an element once").isFalse();
        Map<Object, Object> copy = store.snapshot();
        store.apply(new KvRequest(KvOp.APPEND, "l", 9L, 0, 8));
        assertThat(copy).containsOnlyKeys("x", "s");
        store.restore(copy);
        assertThat(store.get("l")).isNull();
        assertThat(store.get("s")).isEqualTo(List.of(1L));
        assertThat(store.size()).isEqualTo(2);
    }
}
