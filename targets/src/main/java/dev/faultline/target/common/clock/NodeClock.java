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

    public NodeClock(TimeSource host) {
        this.host = host;
        this.model = ClockModel.start(host.nanoTime(), host.currentTimeMillis());
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
