package dev.faultline.target.common.sim;

import dev.faultline.nemesis.agent.LinkFaults;
import java.util.Set;

/**
 * How often {@link SimRunner} injects each kind of fault during the safety phase (TigerBeetle's
 * fault option structs). At every fault interval each kind is drawn independently, in the order
 * listed here, so one seed always gives the same schedule.
 *
 * @param faultIntervalMillis simulated time between two rounds of draws
 * @param crashProbability a live node is crashed (only while fewer than {@code crashedMax} are down)
 * @param powerLossProbability a crash also loses the node's unsynced records
 * @param restartProbability a crashed node is restarted
 * @param crashedMax how many nodes may be down at once
 * @param partitionProbability the network is re-partitioned: a random minority cut off both ways,
 *     or one random link cut one way
 * @param healProbability every block and link fault is cleared
 * @param links the link faults switched on for every node with {@code linkFaultProbability}
 * @param linkFaultProbability a node's outbound links start misbehaving as {@code links} say
 * @param clockProbability a node's clock gets a bump, a rate change or a reset
 * @param clockOffsetMillisMax the largest bump, either way
 * @param clockRateDeviationMax the largest deviation of a rate from 1 (0.1 allows 0.9 to 1.1)
 */
public record SimFaults(
        long faultIntervalMillis,
        double crashProbability,
        double powerLossProbability,
        double restartProbability,
        int crashedMax,
        double partitionProbability,
        double healProbability,
        LinkFaults links,
        double linkFaultProbability,
        double clockProbability,
        long clockOffsetMillisMax,
        double clockRateDeviationMax) {

    public SimFaults {
        if (faultIntervalMillis <= 0) {
            throw new IllegalArgumentException("faultIntervalMillis must be positive, was " + faultIntervalMillis);
        }
        for (double p : new double[] {crashProbability, powerLossProbability, restartProbability, partitionProbability,
                healProbability, linkFaultProbability, clockProbability}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1], was " + p);
            }
        }
        if (crashedMax < 0 || clockOffsetMillisMax < 0 || !(clockRateDeviationMax >= 0 && clockRateDeviationMax < 1)) {
            throw new IllegalArgumentException("crashedMax, clockOffsetMillisMax >= 0 and clockRateDeviationMax in [0, 1) required");
        }
    }

    /** No faults at all. */
    public static SimFaults none() {
        return new SimFaults(100, 0, 0, 0, 0, 0, 0, LinkFaults.NONE, 0, 0, 0, 0);
    }

    /**
     * A mix of every fault for a cluster of {@code nodes}: crashes of at most a minority (half with
     * power loss), partitions, 10% loss with duplication and reordering, and clock bumps of up to
     * a second with rates from 0.9 to 1.1.
     */
    public static SimFaults everything(int nodes) {
        LinkFaults links = new LinkFaults(Set.of(), 0.1, 5, 5, 0.05, 0.1, 50);
        return new SimFaults(200, 0.05, 0.5, 0.3, (nodes - 1) / 2, 0.1, 0.1, links, 0.05, 0.05, 1_000, 0.1);
    }
}
