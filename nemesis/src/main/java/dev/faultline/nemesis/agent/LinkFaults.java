package dev.faultline.nemesis.agent;

import java.util.Set;
import java.util.TreeSet;

/**
 * Misbehaviour of this node's outbound peer links (what {@code tc netem} would do, which the build
 * machine's kernel lacks). Each message to an affected peer is, independently:
 *
 * <ol>
 *   <li>lost with {@code lossProbability};
 *   <li>otherwise delayed by {@code delayMeanMillis} plus a uniform jitter in
 *       {@code [-delayJitterMillis, +delayJitterMillis]} (never below zero);
 *   <li>with {@code reorderProbability}, held back a further uniform {@code [0, reorderWindowMillis)},
 *       so that later messages overtake it;
 *   <li>with {@code duplicateProbability}, sent a second time with its own independent delay.
 * </ol>
 *
 * <p>Replaces the node's previous link faults; {@link #NONE} heals them.
 *
 * @param peers the peers whose links misbehave; empty means every peer
 */
public record LinkFaults(
        Set<String> peers,
        double lossProbability,
        long delayMeanMillis,
        long delayJitterMillis,
        double duplicateProbability,
        double reorderProbability,
        long reorderWindowMillis) implements AgentRequest {

    public static final LinkFaults NONE = new LinkFaults(Set.of(), 0, 0, 0, 0, 0, 0);

    public LinkFaults {
        peers = Set.copyOf(peers == null ? Set.of() : peers);
        requireProbability("lossProbability", lossProbability);
        requireProbability("duplicateProbability", duplicateProbability);
        requireProbability("reorderProbability", reorderProbability);
        requireMillis("delayMeanMillis", delayMeanMillis);
        requireMillis("delayJitterMillis", delayJitterMillis);
        requireMillis("reorderWindowMillis", reorderWindowMillis);
        if (reorderProbability > 0 && reorderWindowMillis == 0) {
            throw new IllegalArgumentException("reorderProbability needs a positive reorderWindowMillis");
        }
    }

    /** Only loss, on every link. */
    public static LinkFaults loss(double lossProbability) {
        return new LinkFaults(Set.of(), lossProbability, 0, 0, 0, 0, 0);
    }

    /** Only delay with jitter, on every link. */
    public static LinkFaults delay(long delayMeanMillis, long delayJitterMillis) {
        return new LinkFaults(Set.of(), 0, delayMeanMillis, delayJitterMillis, 0, 0, 0);
    }

    /** Whether messages to {@code peer} are subject to these faults. */
    public boolean affects(String peer) {
        return peers.isEmpty() || peers.contains(peer);
    }

    public boolean isNone() {
        return lossProbability == 0 && delayMeanMillis == 0 && delayJitterMillis == 0
                && duplicateProbability == 0 && reorderProbability == 0;
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }

    private static void requireMillis(String name, long value) {
        if (value < 0 || value > 3_600_000) {
            throw new IllegalArgumentException(name + " must be in [0, 3600000], was " + value);
        }
    }

    @Override
    public String describe() {
        return "link-faults peers=" + (peers.isEmpty() ? "all" : new TreeSet<>(peers).toString())
                + " loss=" + lossProbability + " delay=" + delayMeanMillis + "±" + delayJitterMillis + "ms"
                + " duplicate=" + duplicateProbability + " reorder=" + reorderProbability
                + " within " + reorderWindowMillis + "ms";
    }
}
