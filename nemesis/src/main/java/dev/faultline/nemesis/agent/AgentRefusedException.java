package dev.faultline.nemesis.agent;

/** The agent answered, and refused the request (a wrong token, an invalid parameter); nothing was applied. */
public final class AgentRefusedException extends RuntimeException {
    public AgentRefusedException(String message) {
        super(message);
    }
}
