package dev.faultline.target.memory;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A single-node key-value store (Jepsen's {@code atom-db}): every operation is applied in arrival
 * order and answered in the same batch, after that batch is persisted, so it is linearizable. Keys
 * hold a register (write, cas), a set (add: a list without duplicates, in insertion order) or a
 * list (append); a read returns whatever the key holds, the whole set or list included.
 *
 * <p>Durably, each change is one {@link MemoryRecord.Put} of the key's new value, fsynced before
 * the reply ({@code durability=fsync}); every {@code snapshotEveryRecords} puts the whole map
 * becomes one snapshot. With {@code durability=none} nothing is persisted and a restart forgets
 * everything. Peers are ignored.
 */
final class MemoryCore implements Core<Nothing, MemoryRecord> {
    private final MemoryOptions options;
    private final Ready.Builder<Nothing, MemoryRecord> ready = new Ready.Builder<>();
    private final Map<Object, Object> data = new LinkedHashMap<>();
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
                data.clear();
                data.putAll(snapshot.data());
                recordsSinceSnapshot = 0;
            } else if (record instanceof MemoryRecord.Put put) {
                data.put(put.key(), put.value());
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
        Object current = data.get(key);
        return switch (request.op()) {
            case READ -> KvReply.ok(options.staleRead() && previous.containsKey(key) ? previous.get(key) : current);
            case WRITE -> change(key, request.value());
            case CAS -> Objects.equals(current, request.expected())
                    ? change(key, request.newValue())
                    : KvReply.fail(KvErrors.CAS_MISMATCH);
            case ADD -> collection(key, current, request.value(), true);
            case APPEND -> collection(key, current, request.value(), false);
            case SYNC -> KvReply.ok(null);
        };
    }

    private KvReply collection(Object key, Object current, Object element, boolean isSet) {
        if (current != null && !(current instanceof List)) {
            return KvReply.fail(KvErrors.WRONG_TYPE);
        }
        List<?> items = current == null ? List.of() : (List<?>) current;
        if (isSet && items.contains(element)) {
            return KvReply.ok(null);
        }
        List<Object> grown = new ArrayList<>(items.size() + 1);
        grown.addAll(items);
        grown.add(element);
        return change(key, Collections.unmodifiableList(grown));
    }

    private KvReply change(Object key, Object value) {
        previous.put(key, data.get(key));
        data.put(key, value);
        applied++;
        if (options.durable()) {
            persist(key, value);
        }
        return KvReply.ok(null);
    }

    private void persist(Object key, Object value) {
        if (recordsSinceSnapshot >= options.snapshotEveryRecords()) {
            ready.snapshot(new MemoryRecord.Snapshot(data));
            ready.event("snapshot", "keys=" + data.size() + " applied=" + applied);
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
        return new NodeStatus("single", 0, nodeId, applied, applied, recordsSinceSnapshot, Map.of("keys", (long) data.size()));
    }
}
