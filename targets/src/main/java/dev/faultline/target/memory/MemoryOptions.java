package dev.faultline.target.memory;

import dev.faultline.target.TargetSettings;

/**
 * The memory target's settings.
 *
 * @param durable persist every change ({@code durability=fsync}) or nothing ({@code none})
 * @param snapshotEveryRecords puts between two snapshots
 * @param ackBeforeFsync bug: persist without fsync, so a power loss loses acknowledged writes
 * @param staleRead bug: reads return the value a key held before its latest change
 */
record MemoryOptions(boolean durable, long snapshotEveryRecords, boolean ackBeforeFsync, boolean staleRead) {
    static final String DURABILITY = "durability";
    static final String SNAPSHOT_EVERY = "snapshot-every";
    static final String ACK_BEFORE_FSYNC = "ack-before-fsync";
    static final String STALE_READ = "stale-read";

    static MemoryOptions of(TargetSettings settings) {
        boolean durable = !settings.picks(DURABILITY, "fsync", "none");
        long snapshotEvery = settings.longOption(SNAPSHOT_EVERY, 10_000, 1, 1_000_000_000);
        return new MemoryOptions(durable, snapshotEvery, settings.bug(ACK_BEFORE_FSYNC), settings.bug(STALE_READ));
    }
}
