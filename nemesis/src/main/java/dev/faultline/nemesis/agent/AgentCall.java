package dev.faultline.nemesis.agent;

/** One request line: the run's token and what to do. */
public record AgentCall(String token, AgentRequest request) {}
