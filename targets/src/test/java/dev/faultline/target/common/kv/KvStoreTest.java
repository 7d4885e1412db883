package dev.faultline.target.common.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goal: every target's state machine means the same by each operation and reports exactly the changes it makes. */
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
}
