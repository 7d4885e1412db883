package dev.faultline.target.common.wal;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireOutput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A core's records on a {@link WriteAheadLog}: encodes them with the protocol's codec and carries
 * out the persistence part of a {@link dev.faultline.target.common.core.Ready}. The core thread owns it.
 */
public final class DurableLog<R> implements Closeable {
    private final WriteAheadLog wal;
    private final Codec<R> codec;
    private final WireOutput buffer = new WireOutput(4096);
    private long persistedRecords;

    private DurableLog(WriteAheadLog wal, Codec<R> codec) {
        this.wal = wal;
        this.codec = codec;
    }

    /**
     * @param log the opened log
     * @param recovered the snapshot (first, if any) and the records after it, decoded
     * @param droppedBytes torn or corrupt bytes cut off the end
     */
    public record Opened<R>(DurableLog<R> log, List<R> recovered, long droppedBytes) {}

    public static <R> Opened<R> open(Path dir, Codec<R> codec) throws IOException {
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        List<R> recovered = new ArrayList<>(recovery.records().size() + 1);
        if (recovery.snapshot() != null) {
            recovered.add(codec.fromBytes(recovery.snapshot()));
        }
        for (byte[] record : recovery.records()) {
            recovered.add(codec.fromBytes(record));
        }
        return new Opened<>(new DurableLog<>(recovery.log(), codec), List.copyOf(recovered), recovery.droppedBytes());
    }

    /** Replaces the log by {@code snapshot} if non-null, appends {@code records}, fsyncs if {@code mustSync}. */
    public void persist(R snapshot, List<R> records, boolean mustSync) throws IOException {
        if (snapshot != null) {
            wal.snapshot(codec.toBytes(snapshot));
        }
        if (!records.isEmpty()) {
            buffer.reset();
            for (R record : records) {
                int start = Frames.begin(buffer);
                codec.encode(record, buffer);
                Frames.finish(buffer, start);
            }
            wal.append(buffer.array(), 0, buffer.size());
            persistedRecords += records.size();
        }
        if (mustSync) {
            wal.sync();
        }
    }

    /** Makes every later fsync stall as {@code disk}'s faults say. */
    public void setSlowDisk(SlowDisk disk) {
        wal.setSlowDisk(disk);
    }

    public void setPowerLoss(boolean enabled) throws IOException {
        wal.setPowerLoss(enabled);
    }

    public boolean powerLoss() {
        return wal.powerLoss();
    }

    /** Records persisted since open. */
    public long persistedRecords() {
        return persistedRecords;
    }

    @Override
    public void close() throws IOException {
        wal.close();
    }
}
