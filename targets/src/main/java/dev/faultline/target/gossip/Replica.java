package dev.faultline.target.gossip;

import dev.faultline.target.common.core.Ready;
import dev.faultline.target.gossip.Entry.Register;
import dev.faultline.target.gossip.VersionVector.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * This node's durable state and the only code that changes it: the keys it is a home for
 * ({@link ReplicaStore}), the hints it holds for others ({@link HintStore}), and its reserved
 * version-vector counters ({@link WriteCounters}). Every change is a {@link GossipRecord}; a
 * change that an ack or a reply will vouch for is synced first (the {@link Ready} contract
 * delivers replies and after-persist messages only after the fsync).
 */
final class Replica {
    private final ReplicaStore store;
    private final HintStore hints;
    private final Resolution resolution;
    private final Ready.Builder<GossipMessage, GossipRecord> ready;
    private final long snapshotEveryRecords;
    private final WriteCounters counters;
    private final boolean dropHints;
    private final List<Object> touched = new ArrayList<>();
    private BiConsumer<Object, Entry> onChange = (key, entry) -> { };
    private long recordsSinceSnapshot;
    private long merges;

    Replica(ReplicaStore store, HintStore hints, Resolution resolution, Ready.Builder<GossipMessage, GossipRecord> ready,
            long snapshotEveryRecords, boolean dropHints, List<GossipRecord> recovered) {
        this.store = store;
        this.hints = hints;
        this.resolution = resolution;
        this.ready = ready;
        this.snapshotEveryRecords = snapshotEveryRecords;
        this.dropHints = dropHints;
        this.counters = new WriteCounters(replay(recovered));
    }

    /** Applies recovered records in order; returns the last counter reservation. */
    private long replay(List<GossipRecord> recovered) {
        long reserved = 0;
        for (GossipRecord record : recovered) {
            if (record instanceof GossipRecord.Snapshot snapshot) {
                snapshot.entries().forEach(entry -> store.merge(entry.key(), entry.entry()));
                snapshot.hints().forEach((home, held) -> held.forEach(hint -> hints.add(home, hint.key(), hint.entry())));
                reserved = Math.max(reserved, snapshot.countersReserved());
            } else if (record instanceof GossipRecord.Merged merged) {
                store.merge(merged.key(), merged.entry());
            } else if (record instanceof GossipRecord.Hinted hinted) {
                hints.add(hinted.home(), hinted.key(), hinted.entry());
            } else if (record instanceof GossipRecord.HintDelivered delivered) {
                hints.delivered(delivered.home(), delivered.key(), delivered.entry());
            } else if (record instanceof GossipRecord.CountersReserved reservation) {
                reserved = Math.max(reserved, reservation.limit());
            }
            recordsSinceSnapshot++;
        }
        return reserved;
    }

    /** Called with (key, what arrived) whenever a merge changed this replica: rumor mongering listens. */
    void onChange(BiConsumer<Object, Entry> listener) {
        this.onChange = listener;
    }

    Entry get(Object key) {
        return store.get(key);
    }

    /**
     * Merges {@code incoming} into {@code key}.
     *
     * @param durable sync before this batch's replies and acks, because one of them vouches for it
     * @return whether this replica's entry changed
     */
    boolean merge(Object key, Entry incoming, boolean durable) {
        Entry merged = store.merge(key, incoming);
        if (durable) {
            ready.sync();
        }
        if (merged == null) {
            return false;
        }
        merges++;
        touched.add(key);
        persist(new GossipRecord.Merged(key, incoming));
        onChange.accept(key, incoming);
        return true;
    }

    /**
     * Keeps {@code entry} as a hint for {@code home}, synced before the ack that reports it.
     *
     * @return whether to acknowledge it: false when the hint store is full. With the planted bug
     *     {@code drop-hints}, true without keeping anything.
     */
    boolean hint(String home, Object key, Entry entry) {
        if (dropHints) {
            return true;
        }
        if (!hints.add(home, key, entry)) {
            return false;
        }
        persist(new GossipRecord.Hinted(home, key, entry));
        ready.sync();
        return true;
    }

    void hintDelivered(String home, Object key, Entry delivered) {
        if (hints.delivered(home, key, delivered)) {
            persist(new GossipRecord.HintDelivered(home, key, delivered));
        }
    }

    HintStore hints() {
        return hints;
    }

    ReplicaStore store() {
        return store;
    }

    Resolution resolution() {
        return resolution;
    }

    /** The next version-vector counter of this node, reserved durably before it can leave the node. */
    long nextCounter() {
        if (counters.needsReservation()) {
            persist(new GossipRecord.CountersReserved(counters.reserve()));
            ready.sync();
        }
        return counters.next();
    }

    private void persist(GossipRecord record) {
        ready.persist(record);
        recordsSinceSnapshot++;
    }

    /** Replaces the log by one snapshot once enough records piled up; call before handing over a batch. */
    void snapshotIfDue() {
        if (recordsSinceSnapshot < snapshotEveryRecords) {
            return;
        }
        ready.snapshot(new GossipRecord.Snapshot(store.all(), hints.all(), counters.reservedLimit()));
        ready.event("snapshot", "keys=" + store.keyCount() + " hints=" + hints.size());
        recordsSinceSnapshot = 0;
    }

    long merges() {
        return merges;
    }

    long recordsSinceSnapshot() {
        return recordsSinceSnapshot;
    }

    /**
     * The invariants of the entries changed since the last call: a last-writer-wins register holds
     * exactly one version; under version vectors no sibling has seen another.
     *
     * @throws IllegalStateException naming the key and its siblings
     */
    void checkTouched() {
        for (Object key : touched) {
            if (store.get(key) instanceof Register register) {
                checkRegister(key, register);
            }
        }
        touched.clear();
    }

    private void checkRegister(Object key, Register register) {
        List<Version> siblings = register.siblings();
        if (!resolution.versionVectors() && siblings.size() != 1) {
            throw new IllegalStateException("key " + key + " holds " + siblings.size() + " versions under last-writer-wins: " + siblings);
        }
        for (int i = 0; i < siblings.size(); i++) {
            for (int j = i + 1; j < siblings.size(); j++) {
                Order order = siblings.get(i).clock().compare(siblings.get(j).clock());
                if (order != Order.CONCURRENT) {
                    throw new IllegalStateException("key " + key + " keeps siblings that are not concurrent (" + order + "): "
                            + siblings.get(i) + " and " + siblings.get(j));
                }
            }
        }
    }
}
