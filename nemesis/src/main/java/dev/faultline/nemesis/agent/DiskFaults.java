package dev.faultline.nemesis.agent;

/**
 * A slow disk on this node: every fsync of its write-ahead log (and every durable snapshot) takes
 * {@code fsyncDelayMeanMillis} plus a uniform jitter in {@code [-fsyncDelayJitterMillis,
 * +fsyncDelayJitterMillis]} (never below zero) longer, as a disk under load or a degraded array
 * stalls fsync for tens to hundreds of milliseconds. The delay comes <em>before</em> the bytes
 * reach the disk, so in power-loss mode a kill during it loses them: "fsync not yet returned" is
 * "not durable", which is what acknowledging before the fsync returns gets wrong (the ZooKeeper
 * bugs ZOOKEEPER-3911 and -4646, Jepsen's LazyFS). The node's core thread waits for its fsyncs, so
 * a slow disk also slows everything else the node does, as a single-threaded server's would.
 *
 * <p>Replaces the node's previous disk faults; {@link #NONE} heals them. A restarted node starts
 * without.
 */
public record DiskFaults(long fsyncDelayMeanMillis, long fsyncDelayJitterMillis) implements AgentRequest {
    /** The longest mean delay accepted: beyond it every timeout of every target fires. */
    public static final long DELAY_MILLIS_MAX = 60_000;

    public static final DiskFaults NONE = new DiskFaults(0, 0);

    public DiskFaults {
        if (fsyncDelayMeanMillis < 0 || fsyncDelayMeanMillis > DELAY_MILLIS_MAX) {
            throw new IllegalArgumentException("fsyncDelayMeanMillis must be in [0, " + DELAY_MILLIS_MAX + "], was "
                    + fsyncDelayMeanMillis);
        }
        if (fsyncDelayJitterMillis < 0 || fsyncDelayJitterMillis > fsyncDelayMeanMillis) {
            throw new IllegalArgumentException("fsyncDelayJitterMillis must be in [0, fsyncDelayMeanMillis], was "
                    + fsyncDelayJitterMillis);
        }
    }

    public boolean isNone() {
        return fsyncDelayMeanMillis == 0;
    }

    @Override
    public String describe() {
        return "disk-faults fsync-delay=" + fsyncDelayMeanMillis + "±" + fsyncDelayJitterMillis + "ms";
    }
}
