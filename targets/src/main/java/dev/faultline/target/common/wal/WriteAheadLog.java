package dev.faultline.target.common.wal;

import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory holding a node's durable state: at most one snapshot and the log segments written
 * since, each a sequence of checksummed {@link Frames}. Not thread-safe: the core thread owns it.
 *
 * <pre>
 * DIR/snapshot                 frame{long firstSegment, bytes snapshot}   replaced atomically
 * DIR/wal-0000000000000007.log frame{record} frame{record} ...           appended
 * </pre>
 *
 * <p><b>Durability.</b> {@link #append} writes to the segment file (the page cache: it survives a
 * kill -9, not a power cut); {@link #sync} fsyncs. In <b>power-loss mode</b> appended bytes stay in
 * this object's memory until the next {@link #sync} writes and fsyncs them, so killing the process
 * loses exactly what was not fsynced, as a power cut would, even though the kernel would have kept
 * the page cache. {@link #snapshot} is always durable: write {@code snapshot.tmp}, fsync, rename,
 * fsync the directory; then a fresh segment starts and older ones are deleted.
 *
 * <p><b>Slow disk.</b> With a {@link SlowDisk} set, each fsync ({@link #sync}, {@link #snapshot})
 * first stalls as its faults say, <em>before</em> any held byte is written: a crash during the
 * stall finds the fsync not returned, so in power-loss mode its bytes are lost.
 *
 * <p><b>Recovery</b> ({@link #open}) reads the snapshot, then every segment from the one it names,
 * and stops at the first frame that is torn (the file ends inside it) or corrupt (impossible length,
 * checksum mismatch): that frame and everything after it is cut off the file, and later segments
 * are deleted, so the next append continues a valid log. {@link Recovery#droppedBytes()} tells how
 * much was cut; a healthy crash only ever cuts a torn tail.
 */
public final class WriteAheadLog implements Closeable {
    static final String SNAPSHOT = "snapshot";
    static final String SNAPSHOT_TEMP = "snapshot.tmp";
    private static final Pattern SEGMENT = Pattern.compile("wal-(\\d{16})\\.log");

    private final Path dir;
    private final WireOutput unsynced = new WireOutput(4096);
    private FileChannel segment;
    private long segmentNumber;
    private boolean powerLoss;
    private SlowDisk slowDisk;
    private long appendedBytes;

    private WriteAheadLog(Path dir, long segmentNumber, FileChannel segment) {
        this.dir = dir;
        this.segmentNumber = segmentNumber;
        this.segment = segment;
    }

    /**
     * What {@link #open} found.
     *
     * @param log the log, positioned to append after the last valid record
     * @param snapshot the snapshot's payload, or null
     * @param records the payloads of the valid records after the snapshot, in order
     * @param droppedBytes bytes cut off because they were torn or corrupt
     */
    public record Recovery(WriteAheadLog log, byte[] snapshot, List<byte[]> records, long droppedBytes) {}

    /** Opens (creating if needed) the log in {@code dir} and recovers what it holds. */
    public static Recovery open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(SNAPSHOT_TEMP));
        byte[] snapshot = null;
        TreeMap<Long, Path> segments = segments(dir);
        long first = segments.isEmpty() ? 1 : segments.firstKey();
        Path snapshotFile = dir.resolve(SNAPSHOT);
        if (Files.exists(snapshotFile)) {
            WireInput header = new WireInput(readSnapshotFrame(snapshotFile));
            first = header.readLong();
            snapshot = header.readBytes();
            header.expectEnd();
        }
        List<byte[]> records = new ArrayList<>();
        long dropped = 0;
        long last = first;
        boolean cut = false;
        for (var entry : segments.entrySet()) {
            long number = entry.getKey();
            if (number < first || cut) {
                dropped += cut ? Files.size(entry.getValue()) : 0;
                Files.delete(entry.getValue());
                continue;
            }
            last = number;
            long valid = readSegment(entry.getValue(), records);
            long size = Files.size(entry.getValue());
            if (valid < size) {
                dropped += size - valid;
                truncate(entry.getValue(), valid);
                cut = true;
            }
        }
        Path current = segmentPath(dir, last);
        boolean created = !Files.exists(current);
        FileChannel channel = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (created) {
            syncDirectory(dir);
        }
        return new Recovery(new WriteAheadLog(dir, last, channel), snapshot, List.copyOf(records), dropped);
    }

    private static TreeMap<Long, Path> segments(Path dir) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = SEGMENT.matcher(file.getFileName().toString());
                if (name.matches()) {
                    segments.put(Long.parseLong(name.group(1)), file);
                }
            }
        }
        return segments;
    }

    static Path segmentPath(Path dir, long number) {
        return dir.resolve(String.format("wal-%016d.log", number));
    }

    private static byte[] readSnapshotFrame(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] payload = Frames.read(in);
            if (payload == null || in.read() >= 0) {
                throw new IOException(file + ": not exactly one snapshot frame");
            }
            return payload;
        } catch (EOFException | WireFormatException e) {
            // The snapshot is renamed into place only after an fsync, so this is real corruption.
            throw new IOException(file + ": corrupt snapshot: " + e.getMessage(), e);
        }
    }

    /** Adds the segment's valid records to {@code into}; returns the length of its valid prefix. */
    private static long readSegment(Path file, List<byte[]> into) throws IOException {
        long valid = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            while (true) {
                byte[] payload;
                try {
                    payload = Frames.read(in);
                } catch (EOFException | WireFormatException torn) {
                    return valid;
                }
                if (payload == null) {
                    return valid;
                }
                into.add(payload);
                valid += Frames.HEADER_BYTES + payload.length;
            }
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Appends already framed records ({@link Frames#begin}/{@link Frames#finish}, one after the
     * other). Not durable until {@link #sync}.
     */
    public void append(byte[] framed, int offset, int length) throws IOException {
        if (powerLoss) {
            unsynced.writeRaw(framed, offset, length);
        } else {
            writeFully(ByteBuffer.wrap(framed, offset, length));
        }
        appendedBytes += length;
    }

    /** Makes everything appended so far durable. */
    public void sync() throws IOException {
        stallIfSlow();
        flushUnsynced();
        segment.force(false);
    }

    private void flushUnsynced() throws IOException {
        if (unsynced.size() > 0) {
            writeFully(ByteBuffer.wrap(unsynced.array(), 0, unsynced.size()));
            unsynced.reset();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            segment.write(bytes);
        }
    }

    /**
     * Replaces the whole log by {@code snapshot}, durably. Records appended before (synced or not)
     * are superseded: the snapshot must describe the state they produced.
     */
    public void snapshot(byte[] snapshot) throws IOException {
        long next = segmentNumber + 1;
        WireOutput frame = new WireOutput(snapshot.length + 32);
        int start = Frames.begin(frame);
        frame.writeLong(next);
        frame.writeBytes(snapshot);
        Frames.finish(frame, start);
        Path temp = dir.resolve(SNAPSHOT_TEMP);
        stallIfSlow();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(frame.array(), 0, frame.size());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, dir.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        unsynced.reset();
        FileChannel fresh = FileChannel.open(segmentPath(dir, next), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        syncDirectory(dir);
        segment.close();
        segment = fresh;
        segmentNumber = next;
        for (Path superseded : segments(dir).headMap(next).values()) {
            Files.delete(superseded);
        }
    }

    /** Makes every later fsync stall as {@code disk}'s faults say (null: never). */
    public void setSlowDisk(SlowDisk disk) {
        slowDisk = disk;
    }

    private void stallIfSlow() throws IOException {
        if (slowDisk != null) {
            slowDisk.stall();
        }
    }

    /** Power-loss mode on or off; turning it off writes the held bytes (without fsync). */
    public void setPowerLoss(boolean enabled) throws IOException {
        if (!enabled) {
            flushUnsynced();
        }
        powerLoss = enabled;
    }

    public boolean powerLoss() {
        return powerLoss;
    }

    /** Bytes appended since open (synced or not). */
    public long appendedBytes() {
        return appendedBytes;
    }

    /** Bytes held in memory by power-loss mode, waiting for the next sync. */
    public int unsyncedBytes() {
        return unsynced.size();
    }

    /** Closes the segment without syncing: what a crash does, as far as this process can tell. */
    @Override
    public void close() throws IOException {
        segment.close();
    }
}
