package dev.faultline.nemesis.agent;

/**
 * Steps the node's wall clock by {@code deltaMillis} (added to the current offset; negative goes
 * back). The monotonic clock does not jump, as with an NTP step on a real host.
 */
public record ClockBump(long deltaMillis) implements AgentRequest {
    public ClockBump {
        ClockLimits.requireOffset("deltaMillis", deltaMillis);
    }

    @Override
    public String describe() {
        return "clock-bump delta=" + deltaMillis + "ms";
    }
}
