package dev.faultline.target.paxos;

import dev.faultline.target.common.core.ClockReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A leader's read lease. Every heartbeat carries the leader's lease clock; each acceptor that
 * takes it refuses other proposers for one election timeout from when it took it
 * ({@link Acceptor#grant}), and echoes the clock back. Once a majority (the leader included)
 * has echoed heartbeats sent at or after time {@code t}, no other proposer can finish phase 1
 * before those grants end, so the leader may answer reads alone until
 * {@code t + leaseNanos}, which {@link PaxosConfig#leaseNanos()} shortens by the clock-rate
 * ratio allowed. The clock must be the monotonic one: a wall clock can be stepped.
 */
final class LeaderLease {
    private final PaxosConfig config;
    private final int majority;
    /** Per node, the lease clock of the latest heartbeat it acknowledged. */
    private final Map<String, Long> acknowledged = new HashMap<>();

    LeaderLease(PaxosConfig config, int majority) {
        this.config = config;
        this.majority = majority;
    }

    /** The clock the lease runs on, read from {@code now}. */
    long clock(ClockReading now) {
        // Planted bug lease-wallclock: the wall clock, which NTP steps or a nemesis bump can move backwards.
        return config.has(PaxosBug.LEASE_WALLCLOCK) ? now.wallMillis() * 1_000_000L : now.monotonicNanos();
    }

    /** {@code node} acknowledged a heartbeat sent at {@code leaseClockNanos} (the leader notes its own at sending). */
    void acknowledged(String node, long leaseClockNanos) {
        acknowledged.merge(node, leaseClockNanos, Math::max);
    }

    /** Whether the lease holds at {@code now}. */
    boolean holds(ClockReading now) {
        if (acknowledged.size() < majority) {
            return false;
        }
        List<Long> times = new ArrayList<>(acknowledged.values());
        times.sort(Comparator.reverseOrder());
        long majoritySince = times.get(majority - 1);
        return clock(now) < majoritySince + config.leaseNanos();
    }
}
