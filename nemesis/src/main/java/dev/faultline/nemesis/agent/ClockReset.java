package dev.faultline.nemesis.agent;

/**
 * Ends every clock fault: wall offset 0, no strobe, rate 1. The monotonic clock keeps the time it
 * has gained or lost (it cannot go back) and runs at real speed from now on.
 */
public record ClockReset() implements AgentRequest {
    @Override
    public String describe() {
        return "clock-reset";
    }
}
