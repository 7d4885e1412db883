package dev.faultline.target.common.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.target.common.wire.Frames;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the log gives back exactly the valid records, cuts torn or corrupt tails, loses unsynced
 * bytes in power-loss mode, and replaces itself atomically with a snapshot. Method: write, then
 * damage the files the way a crash would, then reopen. A "crash" is abandoning the open log
 * without closing or syncing it, which is all a kill -9 does to this process's view.
 */
class WriteAheadLogTest {
    @TempDir
    Path dir;

    private static byte[] framed(String... records) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String record : records) {
            out.writeBytes(Frames.frame(record.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toByteArray();
    }

    private static void append(WriteAheadLog log, String... records) throws IOException {
        byte[] bytes = framed(records);
        log.append(bytes, 0, bytes.length);
    }

    private static List<String> texts(WriteAheadLog.Recovery recovery) {
        return recovery.records().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("wal-")).findFirst().orElseThrow();
        }
    }

    @Test
    void recordsComeBackInOrder() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "a", "b");
        append(log, "c");
        log.sync();
        log.close();
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        assertThat(texts(recovery)).containsExactly("a", "b", "c");
        assertThat(recovery.snapshot()).isNull();
        assertThat(recovery.droppedBytes()).isZero();
    }

    @Test
    void aTornTailIsCutAndTheLogContinuesAfterTheLastGoodRecord() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "first", "second", "third");
        log.sync();
        log.close();
        Path segment = onlySegment();
        long full = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(full - 3);
        }
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        assertThat(texts(recovery)).containsExactly("first", "second");
        assertThat(recovery.droppedBytes()).isEqualTo(Frames.HEADER_BYTES + "third".length() - 3);
        append(recovery.log(), "fourth");
        recovery.log().sync();
        recovery.log().close();
        assertThat(texts(WriteAheadLog.open(dir))).containsExactly("first", "second", "fourth");
    }

    @Test
    void aCorruptRecordDropsItAndEverythingAfterIt() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "keep", "damaged", "after");
        log.sync();
        log.close();
        Path segment = onlySegment();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long offset = Frames.HEADER_BYTES + "keep".length() + Frames.HEADER_BYTES + 2;
            file.seek(offset);
            int original = file.read();
            file.seek(offset);
            file.write(original ^ 0x40);
        }
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        assertThat(texts(recovery)).containsExactly("keep");
        assertThat(Files.size(segment)).isEqualTo(Frames.HEADER_BYTES + "keep".length());
    }

    @Test
    void withoutPowerLossModeUnsyncedRecordsSurviveAProcessCrash() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "synced");
        log.sync();
        append(log, "written");
        // Crash: the log object is abandoned; the bytes are in the file (the page cache).
        assertThat(texts(WriteAheadLog.open(dir))).containsExactly("synced", "written");
        log.close();
    }

    @Test
    void inPowerLossModeUnsyncedRecordsAreLostAndSyncedOnesKept() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        log.setPowerLoss(true);
        append(log, "synced");
        log.sync();
        append(log, "unsynced");
        assertThat(log.unsyncedBytes()).isPositive();
        assertThat(texts(WriteAheadLog.open(dir))).containsExactly("synced");
        log.close();
    }

    private WriteAheadLog openOn(SlowDisk disk) throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        log.setSlowDisk(disk);
        return log;
    }

    /**
     * A slow disk stalls an fsync before its bytes reach the disk, so a crash during the stall in
     * power-loss mode loses them, and they are durable once the fsync returns. The stall is long
     * (1.5 s) so that the crash view is taken inside it even on a loaded machine; if the machine
     * was too slow for that, the test says so rather than passing.
     */
    @Test
    void aCrashDuringASlowFsyncLosesItsRecordsInPowerLossMode() throws Exception {
        SlowDisk disk = new SlowDisk(new SplittableRandom(1));
        WriteAheadLog log = openOn(disk);
        log.setPowerLoss(true);
        append(log, "before");
        log.sync();
        disk.set(new DiskFaults(1_500, 0));
        append(log, "stalled");
        long startNanos = System.nanoTime();
        CompletableFuture<Void> sync = CompletableFuture.runAsync(() -> {
            try {
                log.sync();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> duringStall = texts(WriteAheadLog.open(dir));
        long viewedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        sync.get(10, TimeUnit.SECONDS);
        long syncMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        Assumptions.assumeTrue(viewedAfterMillis < 1_400, "the crash view took " + viewedAfterMillis + " ms: not inside the stall");
        assertThat(duringStall).containsExactly("before");
        assertThat(syncMillis).isGreaterThanOrEqualTo(1_500);
        assertThat(texts(WriteAheadLog.open(dir))).containsExactly("before", "stalled");
        log.close();
    }

    @Test
    void withoutDiskFaultsASlowDiskDoesNotStall() throws IOException {
        SlowDisk disk = new SlowDisk(new SplittableRandom(1));
        WriteAheadLog log = openOn(disk);
        disk.set(new DiskFaults(60_000, 0));
        disk.set(DiskFaults.NONE);
        append(log, "fast");
        long startNanos = System.nanoTime();
        log.sync();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)).isLessThan(30_000);
        assertThat(texts(WriteAheadLog.open(dir))).containsExactly("fast");
        log.close();
    }

    @Test
    void leavingPowerLossModeWritesWhatItHeld() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        log.setPowerLoss(true);
        append(log, "held");
        log.setPowerLoss(false);
        assertThat(log.unsyncedBytes()).isZero();
        assertThat(texts(WriteAheadLog.open(dir))).containsExactly("held");
        log.close();
    }

    @Test
    void aSnapshotReplacesEveryEarlierRecordAndOldSegmentsGo() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "old-1", "old-2");
        log.snapshot("state".getBytes(StandardCharsets.UTF_8));
        append(log, "new");
        log.sync();
        log.close();
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        assertThat(new String(recovery.snapshot(), StandardCharsets.UTF_8)).isEqualTo("state");
        assertThat(texts(recovery)).containsExactly("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("snapshot", "wal-0000000000000002.log");
        }
    }

    @Test
    void aSnapshotInterruptedBeforeItsRenameLeavesTheOldStateWhole() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "a");
        log.sync();
        log.close();
        // A crash while writing the temporary file: it is half there, the rename never happened.
        Files.write(dir.resolve(WriteAheadLog.SNAPSHOT_TEMP), new byte[] {1, 2, 3});
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        assertThat(recovery.snapshot()).isNull();
        assertThat(texts(recovery)).containsExactly("a");
        assertThat(dir.resolve(WriteAheadLog.SNAPSHOT_TEMP)).doesNotExist();
    }

    @Test
    void aSnapshotRenamedBeforeItsNewSegmentExistedRecoversFromTheSnapshotAlone() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        append(log, "a");
        log.snapshot("s".getBytes(StandardCharsets.UTF_8));
        log.close();
        // A crash after the rename, before the new segment was created or the old one deleted.
        Files.delete(WriteAheadLog.segmentPath(dir, 2));
        Files.write(WriteAheadLog.segmentPath(dir, 1), framed("superseded"));
        WriteAheadLog.Recovery recovery = WriteAheadLog.open(dir);
        assertThat(new String(recovery.snapshot(), StandardCharsets.UTF_8)).isEqualTo("s");
        assertThat(recovery.records()).isEmpty();
        assertThat(WriteAheadLog.segmentPath(dir, 1)).doesNotExist();
    }

    @Test
    void aCorruptSnapshotIsAnErrorNotSilentDataLoss() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(dir).log();
        log.snapshot("state".getBytes(StandardCharsets.UTF_8));
        log.close();
        Path snapshot = dir.resolve(WriteAheadLog.SNAPSHOT);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 1;
        Files.write(snapshot, bytes);
        assertThatThrownBy(() -> WriteAheadLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("corrupt snapshot");
    }
}
