package dev.faultline.target.common.sim;

import dev.faultline.target.common.wire.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's disk in the simulator, with the semantics of the shell's write-ahead log: records
 * survive a crash; without power loss all of them, with power loss only those fsynced (a sync
 * covers every record before it); a snapshot is durable at once and replaces every earlier record.
 * Records are kept as bytes through the protocol's codec, so a recovered core never shares an
 * object with the one that crashed, and codec bugs surface in simulation.
 */
final class SimDisk<R> {
    private final Codec<R> codec;
    private byte[] snapshot;
    private final List<byte[]> records = new ArrayList<>();
    private int syncedCount;

    SimDisk(Codec<R> codec) {
        this.codec = codec;
    }

    void persist(R newSnapshot, List<R> newRecords, boolean mustSync) {
        if (newSnapshot != null) {
            snapshot = codec.toBytes(newSnapshot);
            records.clear();
            syncedCount = 0;
        }
        for (R record : newRecords) {
            records.add(codec.toBytes(record));
        }
        if (mustSync) {
            syncedCount = records.size();
        }
    }

    /** What a crash leaves: everything, or with power loss only the synced records. */
    void crash(boolean powerLoss) {
        if (powerLoss) {
            records.subList(syncedCount, records.size()).clear();
        }
    }

    List<R> recover() {
        List<R> recovered = new ArrayList<>(records.size() + 1);
        if (snapshot != null) {
            recovered.add(codec.fromBytes(snapshot));
        }
        for (byte[] record : records) {
            recovered.add(codec.fromBytes(record));
        }
        return recovered;
    }

    int unsyncedCount() {
        return records.size() - syncedCount;
    }

    int recordCount() {
        return records.size();
    }
}
