package dev.faultline.nemesis.agent;

/**
 * Turns power-loss mode on or off. While on, bytes the node appends to its write-ahead log stay in
 * its memory until it fsyncs them, so a kill -9 (which would keep the page cache) loses exactly
 * the unsynced writes, as a power cut would. Turning it off writes the held bytes (without fsync).
 * A restarted node starts with it off.
 */
public record PowerLoss(boolean enabled) implements AgentRequest {
    @Override
    public String describe() {
        return "power-loss " + (enabled ? "on" : "off");
    }
}
