package dev.faultline.target.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Goal: a jittered delay stays within mean ± jitter, never below zero, and draws nothing without jitter. */
class JitterTest {
    private static final long MS = 1_000_000L;

    @Property
    void aDelayStaysWithinItsBounds(@ForAll @LongRange(max = 10_000) long meanMillis,
            @ForAll @LongRange(max = 10_000) long jitterMillis, @ForAll long seed) {
        long nanos = Jitter.nanos(meanMillis, jitterMillis, new SplittableRandom(seed));
        assertThat(nanos).isBetween(Math.max(0, (meanMillis - jitterMillis) * MS), (meanMillis + jitterMillis) * MS);
    }

    @Property
    void withoutJitterTheDelayIsTheMeanAndTheRandomIsUntouched(@ForAll @LongRange(max = 10_000) long meanMillis,
            @ForAll long seed) {
        SplittableRandom used = new SplittableRandom(seed);
        assertThat(Jitter.nanos(meanMillis, 0, used)).isEqualTo(meanMillis * MS);
        assertThat(used.nextLong()).isEqualTo(new SplittableRandom(seed).nextLong());
    }
}
