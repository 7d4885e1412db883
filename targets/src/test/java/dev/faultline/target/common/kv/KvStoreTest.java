package dev.faultline.target.common.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Goal: the shared state machine keeps its rules, and a snapshot restores it exactly. */
class KvStoreTest {
    @Test
    void registersSetsListsAndTheirErrors() {
        KvStore store = new KvStore();
        assertThat(store.apply(KvRequest.read("x", 1, 1))).isEqualTo(KvReply.ok(null));
        assertThat(store.apply(KvRequest.cas("x", null, 1L, 1, 2))).isEqualTo(KvReply.ok(null));
        assertThat(store.apply(KvRequest.cas("x", 5L, 2L, 1, 3))).isEqualTo(KvReply.fail(KvErrors.CAS_MISMATCH));
        assertThat(store.apply(new KvRequest(KvOp.ADD, "x", 1L, 1, 4))).isEqualTo(KvReply.fail(KvErrors.WRONG_TYPE));
        store.apply(new KvRequest(KvOp.ADD, "s", 1L, 1, 5));
        store.apply(new KvRequest(KvOp.ADD, "s", 1L, 1, 6));
        store.apply(new KvRequest(KvOp.APPEND, "l", 1L, 1, 7));
        store.apply(new KvRequest(KvOp.APPEND, "l", 1L, 1, 8));
        assertThat(store.get("s")).isEqualTo(List.of(1L));
        assertThat(store.get("l")).isEqualTo(List.of(1L, 1L));
        assertThat(store.apply(KvRequest.read("x", 1, 9))).isEqualTo(KvReply.ok(1L));
    }

    @Test
    void aSnapshotIsACopyThatRestoresTheSameState() {
        KvStore store = new KvStore();
        store.apply(KvRequest.write("x", 1L, 1, 1));
        Map<Object, Object> snapshot = store.snapshot();
        store.apply(KvRequest.write("x", 2L, 1, 2));
        assertThat(snapshot).isEqualTo(Map.of("x", 1L));
        KvStore other = new KvStore();
        other.restore(snapshot);
        assertThat(other.get("x")).isEqualTo(1L);
        assertThat(other.size()).isEqualTo(1);
    }
}
