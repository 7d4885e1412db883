package dev.faultline.target.common.net;

import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.target.common.Jitter;
import java.util.random.RandomGenerator;

/**
 * What {@link LinkFaults} do to one message: a pure function of the faults and a seeded random,
 * shared by the real transport and the simulator so that both misbehave the same way. The draws
 * happen in a fixed order (loss, then the first copy's delay, then duplication and the second
 * copy's delay), so a seed replays the same decisions.
 */
public final class LinkFaultDecider {
    private static final long[] DROP = new long[0];
    private static final long[] NOW = new long[] {0};
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private LinkFaultDecider() {}

    /**
     * @return the delay in nanoseconds of each copy to deliver: empty when the message is lost,
     *     one entry normally, two when it is duplicated
     */
    public static long[] decide(LinkFaults faults, RandomGenerator random) {
        if (faults.isNone()) {
            return NOW;
        }
        if (faults.lossProbability() > 0 && random.nextDouble() < faults.lossProbability()) {
            return DROP;
        }
        long first = delayNanos(faults, random);
        if (faults.duplicateProbability() > 0 && random.nextDouble() < faults.duplicateProbability()) {
            return new long[] {first, delayNanos(faults, random)};
        }
        return new long[] {first};
    }

    private static long delayNanos(LinkFaults faults, RandomGenerator random) {
        long delay = Jitter.nanos(faults.delayMeanMillis(), faults.delayJitterMillis(), random);
        if (faults.reorderProbability() > 0 && random.nextDouble() < faults.reorderProbability()) {
            delay += random.nextLong(faults.reorderWindowMillis() * NANOS_PER_MILLI);
        }
        return Math.max(0, delay);
    }
}
