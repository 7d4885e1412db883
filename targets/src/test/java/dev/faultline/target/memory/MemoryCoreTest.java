package dev.faultline.target.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.TargetRegistry;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Goal: the memory core implements each operation, persists what it must, and recovers from its records. */
class MemoryCoreTest {
    private static final ClockReading NOW = new ClockReading(0, 0);
    private long nextId = 1;

    @SuppressWarnings("unchecked")
    private static Protocol<Nothing, MemoryRecord> protocol(Set<String> bugs, Map<String, String> options) {
        return (Protocol<Nothing, MemoryRecord>) TargetRegistry.builtIn().find("memory").create(bugs, options);
    }

    private static Core<Nothing, MemoryRecord> start(Protocol<Nothing, MemoryRecord> protocol, List<MemoryRecord> recovered) {
        return protocol.start(new CoreContext("n1", List.of("n1"), new SplittableRandom(1), 10_000_000L), recovered);
    }

    private KvReply call(Core<Nothing, MemoryRecord> core, KvOp op, Object key, Object value) {
        long id = nextId++;
        core.request(NOW, new ClientRequest(id, new KvRequest(op, key, value, 1, id)));
        Ready<Nothing, MemoryRecord> ready = core.ready();
        assertThat(ready.replies()).hasSize(1);
        assertThat(ready.replies().get(0).requestId()).isEqualTo(id);
        return ready.replies().get(0).reply();
    }

    @Test
    void registersSetsAndLists() {
        Core<Nothing, MemoryRecord> core = start(protocol(Set.of(), Map.of()), List.of());
        assertThat(call(core, KvOp.READ, "x", null)).isEqualTo(KvReply.ok(null));
        assertThat(call(core, KvOp.WRITE, "x", 1L).isOk()).isTrue();
        assertThat(call(core, KvOp.CAS, "x", List.of(2L, 3L))).isEqualTo(KvReply.fail(KvErrors.CAS_MISMATCH));
        assertThat(call(core, KvOp.CAS, "x", List.of(1L, 3L)).isOk()).isTrue();
        assertThat(call(core, KvOp.READ, "x", null).value()).isEqualTo(3L);
        call(core, KvOp.ADD, "s", 1L);
        call(core, KvOp.ADD, "s", 2L);
        call(core, KvOp.ADD, "s", 1L);
        assertThat(call(core, KvOp.READ, "s", null).value()).isEqualTo(List.of(1L, 2L));
        call(core, KvOp.APPEND, "l", 1L);
        call(core, KvOp.APPEND, "l", 1L);
        assertThat(call(core, KvOp.READ, "l", null).value()).isEqualTo(List.of(1L, 1L));
        assertThat(call(core, KvOp.APPEND, "x", 9L)).isEqualTo(KvReply.fail(KvErrors.WRONG_TYPE));
        assertThat(call(core, KvOp.SYNC, null, null).isOk()).isTrue();
        assertThat(core.status().appliedIndex()).isEqualTo(6);
    }

    @Test
    void everyChangeIsPersistedAndSyncedBeforeItsReplyUnlessTheBugIsPlanted() {
        Core<Nothing, MemoryRecord> core = start(protocol(Set.of(), Map.of()), List.of());
        core.request(NOW, new ClientRequest(1, KvRequest.write("x", 1L, 1, 1)));
        core.request(NOW, new ClientRequest(2, KvRequest.read("x", 1, 2)));
        Ready<Nothing, MemoryRecord> ready = core.ready();
        assertThat(ready.records()).containsExactly(new MemoryRecord.Put("x", 1L));
        assertThat(ready.mustSync()).isTrue();
        assertThat(ready.replies()).hasSize(2);

        Core<Nothing, MemoryRecord> buggy = start(protocol(Set.of("ack-before-fsync"), Map.of()), List.of());
        buggy.request(NOW, new ClientRequest(1, KvRequest.write("x", 1L, 1, 1)));
        assertThat(buggy.ready().mustSync()).isFalse();

        Core<Nothing, MemoryRecord> volatileCore = start(protocol(Set.of(), Map.of("durability", "none")), List.of());
        volatileCore.request(NOW, new ClientRequest(1, KvRequest.write("x", 1L, 1, 1)));
        assertThat(volatileCore.ready().hasPersistence()).isFalse();
    }

    @Test
    void snapshotsReplaceRecordsAndRecoveryReplaysBoth() {
        Protocol<Nothing, MemoryRecord> protocol = protocol(Set.of(), Map.of("snapshot-every", "2"));
        Core<Nothing, MemoryRecord> core = start(protocol, List.of());
        List<MemoryRecord> disk = new ArrayList<>();
        for (long i = 1; i <= 5; i++) {
            core.request(NOW, new ClientRequest(i, KvRequest.write("k" + i, i, 1, i)));
            Ready<Nothing, MemoryRecord> ready = core.ready();
            if (ready.snapshot() != null) {
                disk.clear();
                disk.add(ready.snapshot());
            }
            disk.addAll(ready.records());
        }
        assertThat(disk.get(0)).isInstanceOf(MemoryRecord.Snapshot.class);
        Core<Nothing, MemoryRecord> recovered = start(protocol, disk);
        for (long i = 1; i <= 5; i++) {
            assertThat(call(recovered, KvOp.READ, "k" + i, null).value()).isEqualTo(i);
        }
        MemoryRecord snapshot = disk.get(0);
        assertThat(MemoryRecord.CODEC.fromBytes(MemoryRecord.CODEC.toBytes(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void theStaleReadBugServesTheValueBeforeTheLatestWrite() {
        Core<Nothing, MemoryRecord> core = start(protocol(Set.of("stale-read"), Map.of()), List.of());
        call(core, KvOp.WRITE, "x", 1L);
        call(core, KvOp.WRITE, "x", 2L);
        assertThat(call(core, KvOp.READ, "x", null).value()).isEqualTo(1L);
    }

    @Test
    void unknownBugsAndBadOptionsAreRefusedInOneLine() {
        var memory = TargetRegistry.builtIn().find("memory");
        assertThatThrownBy(() -> memory.create(Set.of("nope"), Map.of()))
                .hasMessage("target memory has no bug 'nope' (known: ack-before-fsync, stale-read)");
        assertThatThrownBy(() -> memory.create(Set.of(), Map.of("speed", "1")))
                .hasMessage("target memory has no option 'speed' (known: durability, snapshot-every)");
        assertThatThrownBy(() -> memory.create(Set.of(), Map.of("durability", "maybe")))
                .hasMessage("target memory: option durability must be one of [fsync, none], was 'maybe'");
        assertThatThrownBy(() -> memory.create(Set.of(), Map.of("snapshot-every", "0")))
                .hasMessageContaining("snapshot-every must be an integer in [1, ");
        assertThatThrownBy(() -> TargetRegistry.builtIn().find("zookeeper"))
                .hasMessageStartingWith("unknown target 'zookeeper' (known: memory, ping, ").hasMessageEndingWith(")");
    }
}
