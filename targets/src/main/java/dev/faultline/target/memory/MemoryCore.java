package dev.faultline.target.memory;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.KvStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A single-node key-value store (Jepsen's {@code atom-db}): every operation is applied to a
 * {@link KvStore} in arrival order and answered in the same batch, after that batch is persisted,
 * so it is linearizable.
 *
 * <p>Durably, each change is one {@link MemoryRecord.Put} of the key's new value, fsynced before
 * the reply ({@code durability=fsync}); every {@code snapshotEveryRecords} puts the whole map
 * becomes one snapshot. With {@code durability=none} nothing is persisted and a restart forgets
 * everything. Peers are ignored.
 */
final class MemoryCore implements Core<Nothing, MemoryRecord> {
    private final MemoryOptions options;
    private final Ready.Builder<Nothing, MemoryRecord> ready = new Ready.Builder<>();
    private final KvStore store = new KvStore();
    /** The value each key held before its latest change, for the stale-read bug only. */
    private final Map<Object, Object> previous = new HashMap<>();
    private final String nodeId;
    private long applied;
    private long recordsSinceSnapshot;

    MemoryCore(String nodeId, MemoryOptions options, List<MemoryRecord> recovered) {
        this.nodeId = nodeId;
        this.options = options;
        for (MemoryRecord record : recovered) {
            if (record instanceof MemoryRecord.Snapshot snapshot) {
                store.restore(snapshot.data());
                recordsSinceSnapshot = 0;
            } else if (record instanceof MemoryRecord.Put put) {
                store.restore(put.key(), put.value());
                recordsSinceSnapshot++;
            }
        }
    }

    @Override
    public void tick(ClockReading now) {
        // Nothing here depends on time.
    }

    @Override
    public void receive(ClockReading now, String from, Nothing message) {
        throw new IllegalStateException("the memory target has no peer messages");
    }

    @Override
    public void request(ClockReading now, ClientRequest request) {
        ready.reply(request.requestId(), apply(request.request()));
    }

    private KvReply apply(KvRequest request) {
        Object key = request.key();
        Object before = store.get(key);
        if (request.op() == KvOp.READ && options.staleRead() && previous.containsKey(key)) {
            return KvReply.ok(previous.get(key));
        }
        KvReply reply = store.apply(request);
        Object after = store.get(key);
        if (!Objects.equals(before, after)) {
            previous.put(key, before);
            applied++;
            if (options.durable()) {
                persist(key, after);
            }
        }
        return reply;
    }

    private void persist(Object key, Object value) {
        if (recordsSinceSnapshot >= options.snapshotEveryRecords()) {
            ready.snapshot(new MemoryRecord.Snapshot(store.snapshot()));
            ready.event("snapshot", "keys=" + store.size() + " applied=" + applied);
            recordsSinceSnapshot = 0;
        } else {
            ready.persist(new MemoryRecord.Put(key, value));
            recordsSinceSnapshot++;
        }
        if (!options.ackBeforeFsync()) {
            ready.sync();
        }
    }

    @Override
    public Ready<Nothing, MemoryRecord> ready() {
        return ready.take();
    }

    @Override
    public NodeStatus status() {
        return new NodeStatus("single", 0, nodeId, applied, applied, recordsSinceSnapshot, Map.of("keys", (long) store.size()));
    }
}
