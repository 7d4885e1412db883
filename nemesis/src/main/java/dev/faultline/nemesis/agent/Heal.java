package dev.faultline.nemesis.agent;

/** Clears every network fault of the node: blocked peers and link faults. Clocks have {@link ClockReset}. */
public record Heal() implements AgentRequest {
    @Override
    public String describe() {
        return "heal";
    }
}
