package dev.faultline.target.common.clock;

import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.ClockStatus;
import dev.faultline.target.common.core.ClockReading;

/**
 * The node's clock: host time seen through a {@link ClockModel} that the agent changes. The only
 * clock a core sees; the host clock itself is never changed. Thread-safe: the core thread reads,
 * the agent thread applies faults.
 */
public final class NodeClock {
    private final TimeSource host;
    private volatile ClockModel model;

    /** Readings of the host's wall clock taken to find the one closest to a monotonic reading. */
    private static final int ANCHOR_SAMPLES = 16;

    public NodeClock(TimeSource host) {
        this.host = host;
        this.model = anchored(host);
    }

    /**
     * The model anchored on the host's clocks read as close together as possible: each node of a
     * local cluster extrapolates its wall clock from this pair, so a thread descheduled between the
     * two readings would skew the node by that long. Of a few (monotonic, wall, monotonic) triples,
     * the one with the narrowest bracket wins; its wall reading is taken at the bracket's middle.
     */
    private static ClockModel anchored(TimeSource host) {
        long bestWidth = Long.MAX_VALUE;
        long bestReal = 0;
        long bestWall = 0;
        for (int sample = 0; sample < ANCHOR_SAMPLES; sample++) {
            long before = host.nanoTime();
            long wall = host.wallNanos();
            long after = host.nanoTime();
            if (after - before < bestWidth) {
                bestWidth = after - before;
                bestReal = before + (after - before) / 2;
                bestWall = wall;
            }
        }
        return ClockModel.start(bestReal, bestWall);
    }

    public ClockReading read() {
        return model.read(host.nanoTime());
    }

    /** Host nanoseconds to wait until the node's monotonic clock reaches {@code monotonicDeadlineNanos}. */
    public long realNanosUntil(long monotonicDeadlineNanos) {
        return model.realNanosUntil(monotonicDeadlineNanos, host.nanoTime());
    }

    /** Applies a clock request (bump, strobe, rate, reset). */
    public synchronized void apply(AgentRequest request) {
        model = model.apply(request, host.nanoTime());
    }

    public ClockStatus status() {
        return model.status(host.nanoTime());
    }
}
