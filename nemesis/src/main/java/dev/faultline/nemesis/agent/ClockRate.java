package dev.faultline.nemesis.agent;

/**
 * Makes the node's clocks, wall and monotonic, run at {@code rate} times real time from now on
 * (linear drift: 1.01 gains 10 ms a second). Ticks come from the node's monotonic clock, so its
 * timers fire early or late accordingly, which is what breaks leases.
 */
public record ClockRate(double rate) implements AgentRequest {
    public ClockRate {
        ClockLimits.requireRate(rate);
    }

    @Override
    public String describe() {
        return "clock-rate rate=" + rate;
    }
}
