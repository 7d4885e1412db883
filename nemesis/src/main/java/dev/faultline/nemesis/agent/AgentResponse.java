package dev.faultline.nemesis.agent;

/**
 * One response line.
 *
 * @param ok whether the request was accepted and applied
 * @param message what was applied (for the fault log), or why it was refused
 * @param report the node's report, for a {@link StatusRequest}; otherwise null
 */
public record AgentResponse(boolean ok, String message, NodeReport report) {
    public static AgentResponse applied(String message) {
        return new AgentResponse(true, message, null);
    }

    public static AgentResponse refused(String message) {
        return new AgentResponse(false, message, null);
    }

    public static AgentResponse status(NodeReport report) {
        return new AgentResponse(true, "status", report);
    }
}
