package dev.faultline.target.common.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated cluster's shape and its healthy network.
 *
 * @param nodes node ids, in a fixed order
 * @param tickIntervalMillis node monotonic time between two ticks
 * @param latencyMinMillis the fastest a healthy message (or a client request) travels
 * @param latencyMaxMillis the slowest; each message draws uniformly in between, so a healthy network
 *     already reorders messages sent close together, as real ones do
 * @param traceLinesMax trace lines kept for failure reports (the trace's hash covers every line)
 * @param recordFullTrace keep every trace line (for determinism tests; costs memory on long runs)
 */
public record SimOptions(
        List<String> nodes,
        long tickIntervalMillis,
        long latencyMinMillis,
        long latencyMaxMillis,
        int traceLinesMax,
        boolean recordFullTrace) {

    public SimOptions {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty() || nodes.stream().distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("nodes must be distinct and non-empty: " + nodes);
        }
        if (tickIntervalMillis <= 0) {
            throw new IllegalArgumentException("tickIntervalMillis must be positive, was " + tickIntervalMillis);
        }
        if (latencyMinMillis < 0 || latencyMaxMillis < latencyMinMillis) {
            throw new IllegalArgumentException("need 0 <= latencyMinMillis <= latencyMaxMillis, was "
                    + latencyMinMillis + ", " + latencyMaxMillis);
        }
        if (traceLinesMax < 0) {
            throw new IllegalArgumentException("traceLinesMax must be >= 0, was " + traceLinesMax);
        }
    }

    /** {@code n1..nN}, 10 ms ticks, 1–5 ms latency, the last 200 trace lines kept. */
    public static SimOptions defaults(int nodeCount) {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add("n" + i);
        }
        return new SimOptions(nodes, 10, 1, 5, 200, false);
    }

    public SimOptions withFullTrace() {
        return new SimOptions(nodes, tickIntervalMillis, latencyMinMillis, latencyMaxMillis, traceLinesMax, true);
    }

    public SimOptions withLatencyMillis(long min, long max) {
        return new SimOptions(nodes, tickIntervalMillis, min, max, traceLinesMax, recordFullTrace);
    }
}
