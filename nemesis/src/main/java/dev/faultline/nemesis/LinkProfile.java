package dev.faultline.nemesis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a link fault does to the peer messages a node sends and receives (TigerBeetle's
 * {@code PacketSimulatorOptions}, Jepsen's netem behaviours). A zero field leaves that aspect
 * alone; the healthy link is {@link #NONE}.
 *
 * @param lossProbability the chance each message is dropped
 * @param delayMeanMillis the mean delay added to each message
 * @param delayJitterMillis how far a message's delay may stray from the mean, either way
 * @param duplicateProbability the chance each message is delivered twice
 * @param reorderProbability the chance each message is held back behind later ones
 */
public record LinkProfile(
        double lossProbability,
        long delayMeanMillis,
        long delayJitterMillis,
        double duplicateProbability,
        double reorderProbability) {

    public static final LinkProfile NONE = new LinkProfile(0, 0, 0, 0, 0);

    public LinkProfile {
        requireProbability("lossProbability", lossProbability);
        requireProbability("duplicateProbability", duplicateProbability);
        requireProbability("reorderProbability", reorderProbability);
        if (delayMeanMillis < 0 || delayJitterMillis < 0 || delayJitterMillis > delayMeanMillis) {
            throw new IllegalArgumentException("delay must be >= 0 with jitter within the mean, was "
                    + delayMeanMillis + " ms +- " + delayJitterMillis + " ms");
        }
    }

    public static LinkProfile loss(double lossProbability) {
        return new LinkProfile(lossProbability, 0, 0, 0, 0);
    }

    public static LinkProfile delay(long delayMeanMillis, long delayJitterMillis) {
        return new LinkProfile(0, delayMeanMillis, delayJitterMillis, 0, 0);
    }

    public static LinkProfile duplicate(double duplicateProbability) {
        return new LinkProfile(0, 0, 0, duplicateProbability, 0);
    }

    public static LinkProfile reorder(double reorderProbability) {
        return new LinkProfile(0, 0, 0, 0, reorderProbability);
    }

    /** The nonzero parameters, canonical values, for {@code faults.jsonl} and the history. */
    public Map<String, Object> describe() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (lossProbability > 0) {
            fields.put("lossProbability", lossProbability);
        }
        if (delayMeanMillis > 0) {
            fields.put("delayMeanMillis", delayMeanMillis);
            fields.put("delayJitterMillis", delayJitterMillis);
        }
        if (duplicateProbability > 0) {
            fields.put("duplicateProbability", duplicateProbability);
        }
        if (reorderProbability > 0) {
            fields.put("reorderProbability", reorderProbability);
        }
        return fields;
    }

    private static void requireProbability(String name, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + probability);
        }
    }
}
