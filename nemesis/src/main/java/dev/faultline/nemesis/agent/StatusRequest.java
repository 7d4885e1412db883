package dev.faultline.nemesis.agent;

/** Asks for the node's {@link NodeReport}; changes nothing. */
public record StatusRequest() implements AgentRequest {
    @Override
    public String describe() {
        return "status";
    }
}
