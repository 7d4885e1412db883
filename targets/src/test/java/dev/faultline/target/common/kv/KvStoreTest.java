package dev.faultline.target.common.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Goal: deciding a request never changes the store; applying it makes exactly the decided change. */
class KvStoreTest {

    @Test
    void decideLeavesTheStoreAloneAndApplyMakesTheChange() {
        KvStore store = new KvStore();
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
        Map<Object, Object> copy = store.copy();
        store.apply(new KvRequest(KvOp.APPEND, "l", 9L, 0, 8));
        assertThat(copy).containsOnlyKeys("x", "s");
        store.restore(copy);
        assertThat(store.get("l")).isNull();
        assertThat(store.get("s")).isEqualTo(List.of(1L));
        assertThat(store.size()).isEqualTo(2);
    }
}
