package dev.faultline.checker.eventual;

import static dev.faultline.history.OpType.INFO;
import static dev.faultline.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summaries behind the statistics: distributions, t-visibility bins, bounded subset sums. */
class SummariesTest {

    @Test
    void aDistributionHasNearestRankQuantilesAndAnExactCdf() {
        Distribution distribution = new Distribution();
        for (long value : new long[] {5, 1, 3, 3, 10}) {
            distribution.add(value);
        }

        Map<String, Object> summary = distribution.summary();

        assertThat(summary).containsEntry("count", 5L).containsEntry("mean", 4.4);
        assertThat(summary.get("quantiles")).isEqualTo(Map.of("0", 1L, "0.5", 3L, "0.95", 10L, "0.99", 10L, "1", 10L));
        assertThat(summary.get("cdf")).isEqualTo(List.of(
                List.of(1L, 0.2), List.of(3L, 0.6), List.of(5L, 0.8), List.of(10L, 1.0)));
        assertThat(new Distribution().summary()).isEqualTo(Map.of("count", 0L));
    }

    @Test
    void tVisibilityBinsFollowOneTwoFive() {
        assertThat(List.of(0L, 1L, 2L, 4L, 5L, 9L, 10L, 19L, 20L, 1_000_000L))
                .extracting(TVisibility::bin)
                .containsExactly(0, 1, 2, 2, 3, 3, 4, 4, 5, 19);
        assertThat(TVisibility.from(19)).isEqualTo(1_000_000L);
        assertThat(TVisibility.to(19)).isEqualTo(2_000_000L);
        assertThat(TVisibility.bin(Long.MAX_VALUE)).isEqualTo(57);
        assertThat(TVisibility.to(57)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void tVisibilityGivesWilsonIntervals() {
        TVisibility curve = new TVisibility();
        for (int i = 0; i < 10; i++) {
            curve.add(1500, i < 5);
        }

        Map<String, Object> bin = Stats.map(curve.curve().get(0));

        // Wilson score interval for 5 of 10 at 95 %: 0.2366 .. 0.7634.
        assertThat(bin).containsEntry("from", 1000L).containsEntry("to", 2000L).containsEntry("p", 0.5);
        assertThat((Double) bin.get("low")).isCloseTo(0.2366, within(1e-4));
        assertThat((Double) bin.get("high")).isCloseTo(0.7634, within(1e-4));
    }

    /** Goal: past the interval bound the counter check says unknown inside the hull, never valid. */
    @Test
    void aCounterWithTooManyDisjointSumsIsUndecidedInsideTheHullAndOutOfRangeOutside() {
        long hullTop = 0;
        for (int i = 0; i < 13; i++) {
            hullTop += 1L << (2 * i + 1);
        }

        Verdict inside = new ConvergenceChecker("counter", 0L)
                .check(widelySpacedDeltas().finalRead(1, "n1", null, 1).history(), CheckContext.defaults());
        Verdict outside = new ConvergenceChecker("counter", 0L)
                .check(widelySpacedDeltas().finalRead(1, "n1", null, hullTop + 1).history(), CheckContext.defaults());

        assertThat(inside.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(inside.cause()).contains("13 indeterminate adds give more than 4096 disjoint ranges");
        assertThat(outside.valid()).isEqualTo(Validity.FALSE);
        assertThat(outside.anomalies().get(0).data()).containsEntry("acceptableExact", false);
    }

    /** 13 indeterminate adds of 2, 8, 32, ...: 8192 sums, none adjacent. */
    private static Events widelySpacedDeltas() {
        Events events = new Events();
        for (int i = 0; i < 13; i++) {
            events.operation(0, INFO, "add", null, 1L << (2 * i + 1));
        }
        return events.operation(0, OK, "add", null, 0);
    }
}
