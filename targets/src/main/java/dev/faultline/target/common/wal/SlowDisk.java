package dev.faultline.target.common.wal;

import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.target.common.Jitter;
import java.io.InterruptedIOException;
import java.util.random.RandomGenerator;

/**
 * The stall a {@link DiskFaults} fault adds to each fsync of a {@link WriteAheadLog}, drawn from
 * the node's seeded random. Owned by the thread that owns the log; the sleep happens in the node
 * shell, never in a core.
 */
public final class SlowDisk {
    private final RandomGenerator random;
    private DiskFaults faults = DiskFaults.NONE;

    public SlowDisk(RandomGenerator random) {
        this.random = random;
    }

    /** Replaces the disk faults in force; {@link DiskFaults#NONE} heals them. */
    public void set(DiskFaults newFaults) {
        faults = newFaults;
    }

    public DiskFaults faults() {
        return faults;
    }

    /** Waits as long as the faults in force say one fsync stalls; returns at once without them. */
    void stall() throws InterruptedIOException {
        if (faults.isNone()) {
            return;
        }
        long nanos = Jitter.nanos(faults.fsyncDelayMeanMillis(), faults.fsyncDelayJitterMillis(), random);
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during a slow fsync");
        }
    }
}
