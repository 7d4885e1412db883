package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Goal: the throughput and latency series are the operations counted and ranked bucket by
 * bucket. Method: random histories against brute-force counts and quantiles computed straight
 * from the definitions.
 */
class TimeBucketsTest {

    @Property
    void theWidthIsTheSmallestOneTwoFiveStepThatFits(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long span,
            @ForAll @IntRange(min = 1, max = 500) int bucketsMax) {
        long width = TimeBuckets.niceWidth(span, bucketsMax);
        assertThat((span + width - 1) / width).isLessThanOrEqualTo(bucketsMax);
        long mantissa = width;
        while (mantissa % 10 == 0) {
            mantissa /= 10;
        }
        assertThat(mantissa).isIn(1L, 2L, 5L);
        List<Long> smaller = new ArrayList<>();
        for (long decade = 1; decade < width; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * decade < width) {
                    smaller.add(step * decade);
                }
            }
        }
        assertThat(smaller).allSatisfy(candidate -> assertThat((span + candidate - 1) / candidate).isGreaterThan(bucketsMax));
    }

    @Property
    void nearestRankIsTheSmallestValueWithEnoughAtOrBelow(@ForAll @Size(min = 1, max = 40) List<@LongRange(max = 100) Long> values,
            @ForAll("quantiles") double q) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        long answer = TimeBuckets.nearestRank(sorted, q);
        long expected = values.stream().filter(v -> values.stream().filter(x -> x <= v).count() >= q * values.size())
                .min(Long::compare).orElseThrow();
        assertThat(answer).isEqualTo(expected);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> quantiles() {
        return net.jqwik.api.Arbitraries.of(0.0, 0.5, 0.95, 0.99, 1.0);
    }

    @Property(tries = 200)
    void bucketsCountAndRankEveryOperationOnce(@ForAll @IntRange(min = 1, max = 5) int processes,
            @ForAll @IntRange(min = 1, max = 60) int operations, @ForAll long seed) {
        History history = TestHistories.random(new Random(seed), processes, operations);
        OpTable table = OpTable.of(history);
        long end = table.lastTime();

        TimeBuckets.Series series = TimeBuckets.of(table, end);

        long width = series.width();
        assertThat(series.count()).isEqualTo((int) (end / width) + 1);
        for (Map.Entry<String, long[]> entry : series.throughput().entrySet()) {
            String f = entry.getKey().split(":")[0];
            int outcome = List.of("ok", "fail", "info").indexOf(entry.getKey().split(":")[1]);
            for (int bucket = 0; bucket < series.count(); bucket++) {
                long expected = 0;
                for (int id = 0; id < table.size(); id++) {
                    if (table.operation(id).f().equals(f) && table.outcome(id) == outcome && table.end(id) / width == bucket) {
                        expected++;
                    }
                }
                assertThat(entry.getValue()[bucket]).isEqualTo(expected);
            }
        }
        long counted = series.throughput().values().stream().flatMapToLong(java.util.Arrays::stream).sum();
        assertThat(counted).isEqualTo(table.size());
        for (Map.Entry<String, Map<String, Long[]>> entry : series.latency().entrySet()) {
            for (int bucket = 0; bucket < series.count(); bucket++) {
                List<Long> latencies = new ArrayList<>();
                for (int id = 0; id < table.size(); id++) {
                    if (table.operation(id).f().equals(entry.getKey()) && table.outcome(id) == OpTable.OK
                            && table.start(id) / width == bucket) {
                        latencies.add(table.end(id) - table.start(id));
                    }
                }
                Long max = latencies.stream().max(Long::compare).orElse(null);
                assertThat(entry.getValue().get("1")[bucket]).isEqualTo(max);
            }
        }
    }
}
