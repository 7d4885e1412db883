package dev.faultline.target.common.clock;

import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockLimits;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.nemesis.agent.ClockStatus;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.target.common.core.ClockReading;

/**
 * A node's skewed clock as a pure function of real time: the math behind {@link NodeClock} (real
 * time from the host) and the simulator's clocks (simulated time). Immutable; every fault returns a
 * new model. The faults follow TigerBeetle's {@code TimeSim}: bump = step, strobe = periodic,
 * rate = linear.
 *
 * <pre>
 * monotonic(t) = monotonicAnchor + rate * (t - realAnchor)
 * wall(t)      = wallAnchor + rate * (t - realAnchor) + offset + strobe(t)
 * </pre>
 *
 * A rate change re-anchors both at the current instant, so neither clock jumps; a bump moves only
 * the wall clock (the monotonic clock never jumps, as on a real host); a reset puts the wall clock
 * back on true time and the rate back to 1, while the monotonic clock keeps what it gained or lost.
 * All times are nanoseconds except where a name says millis.
 */
public final class ClockModel {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long MICROS_PER_MILLI = 1_000L;

    private final long realOriginNanos;
    private final long trueWallOriginNanos;
    private final long realAnchorNanos;
    private final long monotonicAnchorNanos;
    private final long wallAnchorNanos;
    private final double rate;
    private final long offsetMillis;
    private final ClockStrobe strobe;
    private final long strobeStartRealNanos;

    private ClockModel(long realOriginNanos, long trueWallOriginNanos, long realAnchorNanos, long monotonicAnchorNanos,
            long wallAnchorNanos, double rate, long offsetMillis, ClockStrobe strobe, long strobeStartRealNanos) {
        this.realOriginNanos = realOriginNanos;
        this.trueWallOriginNanos = trueWallOriginNanos;
        this.realAnchorNanos = realAnchorNanos;
        this.monotonicAnchorNanos = monotonicAnchorNanos;
        this.wallAnchorNanos = wallAnchorNanos;
        this.rate = rate;
        this.offsetMillis = offsetMillis;
        this.strobe = strobe;
        this.strobeStartRealNanos = strobeStartRealNanos;
    }

    /**
     * An unskewed clock that reads {@code wallNanos} on the wall and {@code realNanos} on the
     * monotonic clock at real time {@code realNanos}.
     */
    public static ClockModel start(long realNanos, long wallNanos) {
        return new ClockModel(realNanos, wallNanos, realNanos, realNanos, wallNanos, 1.0, 0, null, 0);
    }

    private long elapsedSkewedNanos(long realNanos) {
        return (long) ((realNanos - realAnchorNanos) * rate);
    }

    public long monotonicNanos(long realNanos) {
        return monotonicAnchorNanos + elapsedSkewedNanos(realNanos);
    }

    public long wallMicros(long realNanos) {
        long wallNanos = wallAnchorNanos + elapsedSkewedNanos(realNanos);
        return Math.floorDiv(wallNanos, NANOS_PER_MICRO) + (offsetMillis + strobeOffsetMillis(realNanos)) * MICROS_PER_MILLI;
    }

    public long wallMillis(long realNanos) {
        return Math.floorDiv(wallMicros(realNanos), MICROS_PER_MILLI);
    }

    public ClockReading read(long realNanos) {
        return new ClockReading(wallMicros(realNanos), monotonicNanos(realNanos));
    }

    /** The strobe's contribution at {@code realNanos}: its delta in even periods, 0 in odd ones and after it ends. */
    long strobeOffsetMillis(long realNanos) {
        if (!strobeActive(realNanos)) {
            return 0;
        }
        long period = (realNanos - strobeStartRealNanos) / (strobe.periodMillis() * NANOS_PER_MILLI);
        return period % 2 == 0 ? strobe.deltaMillis() : 0;
    }

    private boolean strobeActive(long realNanos) {
        if (strobe == null) {
            return false;
        }
        long sinceStart = realNanos - strobeStartRealNanos;
        return sinceStart >= 0 && sinceStart < strobe.durationMillis() * NANOS_PER_MILLI;
    }

    /** The real time that must pass until the monotonic clock reads {@code monotonicDeadlineNanos}; 0 if it already does. */
    public long realNanosUntil(long monotonicDeadlineNanos, long realNanos) {
        long remaining = monotonicDeadlineNanos - monotonicNanos(realNanos);
        return remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate);
    }

    public ClockModel bump(long deltaMillis) {
        long offset = offsetMillis + deltaMillis;
        ClockLimits.requireOffset("the wall-clock offset after the bump", offset);
        return new ClockModel(realOriginNanos, trueWallOriginNanos, realAnchorNanos, monotonicAnchorNanos,
                wallAnchorNanos, rate, offset, strobe, strobeStartRealNanos);
    }

    public ClockModel strobe(ClockStrobe newStrobe, long realNanos) {
        return new ClockModel(realOriginNanos, trueWallOriginNanos, realAnchorNanos, monotonicAnchorNanos,
                wallAnchorNanos, rate, offsetMillis, newStrobe, realNanos);
    }

    public ClockModel rate(double newRate, long realNanos) {
        ClockLimits.requireRate(newRate);
        long monotonic = monotonicNanos(realNanos);
        long wall = wallAnchorNanos + elapsedSkewedNanos(realNanos);
        return new ClockModel(realOriginNanos, trueWallOriginNanos, realNanos, monotonic, wall, newRate,
                offsetMillis, strobe, strobeStartRealNanos);
    }

    public ClockModel reset(long realNanos) {
        long trueWall = trueWallOriginNanos + (realNanos - realOriginNanos);
        return new ClockModel(realOriginNanos, trueWallOriginNanos, realNanos, monotonicNanos(realNanos), trueWall,
                1.0, 0, null, 0);
    }

    /**
     * Applies a clock request from the agent.
     *
     * @throws IllegalArgumentException when {@code request} is not a clock request or leaves the limits
     */
    public ClockModel apply(AgentRequest request, long realNanos) {
        if (request instanceof ClockBump bump) {
            return bump(bump.deltaMillis());
        }
        if (request instanceof ClockStrobe newStrobe) {
            return strobe(newStrobe, realNanos);
        }
        if (request instanceof ClockRate newRate) {
            return rate(newRate.rate(), realNanos);
        }
        if (request instanceof ClockReset) {
            return reset(realNanos);
        }
        throw new IllegalArgumentException("not a clock request: " + request.describe());
    }

    public ClockStatus status(long realNanos) {
        return new ClockStatus(offsetMillis, rate, strobeActive(realNanos) ? strobe : null, wallMillis(realNanos),
                monotonicNanos(realNanos));
    }

    public double rate() {
        return rate;
    }

    public long offsetMillis() {
        return offsetMillis;
    }
}
