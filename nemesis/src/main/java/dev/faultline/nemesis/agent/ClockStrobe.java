package dev.faultline.nemesis.agent;

/**
 * Makes the node's wall clock oscillate for {@code durationMillis}: every {@code periodMillis} it
 * flips between its offset and its offset plus {@code deltaMillis} (Jepsen's strobe, TigerBeetle's
 * periodic skew). Replaces a strobe in progress; it stops by itself.
 */
public record ClockStrobe(long deltaMillis, long periodMillis, long durationMillis) implements AgentRequest {
    public ClockStrobe {
        ClockLimits.requireOffset("deltaMillis", deltaMillis);
        if (periodMillis < 1 || periodMillis > 3_600_000) {
            throw new IllegalArgumentException("periodMillis must be in [1, 3600000], was " + periodMillis);
        }
        if (durationMillis < 1 || durationMillis > 86_400_000) {
            throw new IllegalArgumentException("durationMillis must be in [1, 86400000], was " + durationMillis);
        }
    }

    @Override
    public String describe() {
        return "clock-strobe delta=" + deltaMillis + "ms period=" + periodMillis + "ms duration=" + durationMillis + "ms";
    }
}
