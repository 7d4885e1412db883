package dev.faultline.target.zab;

import dev.faultline.target.common.core.Invariants;

/**
 * A ZooKeeper transaction id: the epoch of the leader that proposed it, and the proposal's counter
 * within that epoch (1, 2, ...; 0 names the epoch's start, ZooKeeper's NEWLEADER zxid). Ordered
 * by epoch, then counter. ZooKeeper packs it into one long, {@code epoch << 32 | counter}
 * ({@code apache/zookeeper: .../server/util/ZxidUtils.java}); {@link #packed()} does the same for
 * the wire and for client positions, so packed order is zxid order.
 *
 * <p>Limits: the counter is 32 bits; a leader whose counter would pass {@link #COUNTER_MAX} must
 * stop proposing and force a new epoch (ZooKeeper's {@code XidRolloverException} in
 * {@code Leader.propose}). The epoch is kept below 2^31 so packed values stay positive.
 */
public record Zxid(long epoch, long counter) implements Comparable<Zxid> {
    public static final long COUNTER_MAX = 0xFFFF_FFFFL;
    public static final long EPOCH_MAX = 0x7FFF_FFFFL;
    /** Before any transaction of any epoch. */
    public static final Zxid ZERO = new Zxid(0, 0);

    public Zxid {
        Invariants.check(epoch >= 0 && epoch <= EPOCH_MAX, "zxid epoch %d outside [0, %d]", epoch, EPOCH_MAX);
        Invariants.check(counter >= 0 && counter <= COUNTER_MAX, "zxid counter %d outside [0, %d]", counter, COUNTER_MAX);
    }

    public static Zxid unpack(long packed) {
        return new Zxid(packed >>> 32, packed & COUNTER_MAX);
    }

    public long packed() {
        return epoch << 32 | counter;
    }

    /**
     * The zxid a leader of {@code leaderEpoch} proposes after this one (its last).
     *
     * @param counterLimit the highest counter the leader may use, at most {@link #COUNTER_MAX}
     * @throws IllegalStateException when the counter is exhausted: the caller must have forced a
     *     new epoch first (see {@link #exhausts})
     */
    public Zxid nextIn(long leaderEpoch, long counterLimit) {
        Invariants.check(leaderEpoch >= epoch, "leader epoch %d is below its last zxid %s", leaderEpoch, this);
        if (leaderEpoch > epoch) {
            return new Zxid(leaderEpoch, 1);
        }
        Invariants.check(counter < counterLimit, "zxid counter rollover after %s (limit %d)", this, counterLimit);
        return new Zxid(epoch, counter + 1);
    }

    /** Whether a leader of {@code leaderEpoch} whose last zxid is this one has no counter left. */
    public boolean exhausts(long leaderEpoch, long counterLimit) {
        return leaderEpoch == epoch && counter >= counterLimit;
    }

    /**
     * Whether a proposal with this zxid directly follows {@code last} in a learner's history:
     * counters of one epoch are consecutive, and an epoch's first proposal follows whatever
     * history the learner was synchronized to (ZooKeeper learners rely on TCP's order for this).
     */
    public boolean follows(Zxid last) {
        return counter == 1 ? last.epoch < epoch : last.epoch == epoch && last.counter == counter - 1;
    }

    public boolean isAfter(Zxid other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Zxid other) {
        return compareTo(other) < 0;
    }

    public static Zxid max(Zxid a, Zxid b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static Zxid min(Zxid a, Zxid b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(Zxid other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(counter, other.counter);
    }

    /** {@code epoch.counter}, e.g. {@code 3.17}. */
    @Override
    public String toString() {
        return epoch + "." + counter;
    }
}
