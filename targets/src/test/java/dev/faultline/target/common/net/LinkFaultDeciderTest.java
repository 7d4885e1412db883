package dev.faultline.target.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.LinkFaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Goal: link-fault decisions are reproducible from a seed and match their parameters in bounds and rates. */
class LinkFaultDeciderTest {
    private static final long MS = 1_000_000L;
    private static final int MESSAGES = 20_000;

    @Test
    void noFaultsDeliversEverythingAtOnce() {
        assertThat(LinkFaultDecider.decide(LinkFaults.NONE, new SplittableRandom(1))).containsExactly(0);
    }

    @Test
    void theSameSeedGivesTheSameDecisions() {
        LinkFaults faults = new LinkFaults(Set.of(), 0.2, 10, 5, 0.1, 0.3, 40);
        assertThat(decisions(faults, 7)).isEqualTo(decisions(faults, 7));
        assertThat(decisions(faults, 7)).isNotEqualTo(decisions(faults, 8));
    }

    @Test
    void lossAndDuplicationHappenAtAboutTheirProbabilities() {
        LinkFaults faults = new LinkFaults(Set.of(), 0.3, 0, 0, 0.2, 0, 0);
        int lost = 0;
        int duplicated = 0;
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < MESSAGES; i++) {
            long[] copies = LinkFaultDecider.decide(faults, random);
            lost += copies.length == 0 ? 1 : 0;
            duplicated += copies.length == 2 ? 1 : 0;
        }
        // Binomial standard deviations are under 0.5% here; 2% bounds cannot fail by chance.
        assertThat(lost / (double) MESSAGES).isBetween(0.28, 0.32);
        assertThat(duplicated / (double) MESSAGES).isBetween(0.7 * 0.2 - 0.02, 0.7 * 0.2 + 0.02);
    }

    @Test
    void delaysStayWithinMeanPlusMinusJitterPlusTheReorderWindow() {
        LinkFaults faults = new LinkFaults(Set.of(), 0, 20, 5, 0, 0.25, 100);
        SplittableRandom random = new SplittableRandom(5);
        int heldBack = 0;
        for (int i = 0; i < MESSAGES; i++) {
            long delay = LinkFaultDecider.decide(faults, random)[0];
            assertThat(delay).isBetween(15 * MS, 125 * MS);
            heldBack += delay > 25 * MS ? 1 : 0;
        }
        // A held-back message lands beyond mean+jitter unless its extra delay is under 5 of 100 ms.
        assertThat(heldBack / (double) MESSAGES).isBetween(0.25 * 0.95 - 0.02, 0.25 + 0.02);
    }

    @Test
    void onlyTheNamedPeersAreAffected() {
        LinkFaults faults = new LinkFaults(Set.of("n2"), 1, 0, 0, 0, 0, 0);
        assertThat(faults.affects("n2")).isTrue();
        assertThat(faults.affects("n3")).isFalse();
        assertThat(LinkFaults.loss(1).affects("n3")).isTrue();
    }

    private static List<String> decisions(LinkFaults faults, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(Arrays.toString(LinkFaultDecider.decide(faults, random)));
        }
        return out;
    }
}
