package dev.faultline.checker.eventual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Goal: the measured staleness is what a known replication lag implies (issue 8). Method: a
 * simulated store ({@link LaggingStore}) whose replicas apply each write a fixed lag after its
 * acknowledgement writes the history; the simulator knows each read's true k, and the lag bounds
 * Δt, the windows and the t-visibility curve. 30 tries each, about a second in all.
 */
class LaggingStoreProperties {
    private static final int READERS = 3;
    private static final long TICKS = 150;

    private static LaggingStore.Run run(String model, int replicas, long lagTicks, int keys, long periodTicks, long seed) {
        return LaggingStore.run(new LaggingStore.Config(model, replicas, lagTicks, keys, periodTicks, READERS, TICKS, true, seed));
    }

    private static Verdict staleness(LaggingStore.Run run) {
        return new StalenessChecker(null).check(History.of("simulated", run.ops()), CheckContext.defaults());
    }

    @Property(tries = 30)
    void withoutLagEveryReadIsFresh(@ForAll @IntRange(min = 1, max = 5) int replicas,
            @ForAll @IntRange(min = 1, max = 4) int keys, @ForAll @LongRange(min = 1, max = 5) long periodTicks,
            @ForAll long seed) {
        LaggingStore.Run run = run("register", replicas, 0, keys, periodTicks, seed);

        Verdict verdict = staleness(run);

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(Stats.at(verdict.stats(), "k", "histogram")).isEqualTo(List.of(List.of(0L, run.reads() + replicas * keys)));
        assertThat(Stats.at(verdict.stats(), "delta", "count")).isEqualTo(0L);
        assertThat(Stats.at(verdict.stats(), "window", "quantiles", "1")).isEqualTo(0L);
        assertThat(verdict.stats()).containsEntry("windowLost", 0L);
    }

    @Property(tries = 30)
    void stalenessIsWhatTheLagImplies(@ForAll @IntRange(min = 2, max = 5) int replicas,
            @ForAll @LongRange(min = 1, max = 20) long lagTicks, @ForAll @IntRange(min = 1, max = 4) int keys,
            @ForAll @LongRange(min = 1, max = 5) long periodTicks, @ForAll long seed) {
        LaggingStore.Run run = run("register", replicas, lagTicks, keys, periodTicks, seed);
        long lagNanos = lagTicks * LaggingStore.TICK_NANOS;

        Verdict verdict = staleness(run);

        // k: exactly the simulator's truth (the final reads, one per replica and key, are fresh).
        long[] expected = run.readsByK().clone();
        expected[0] += (long) replicas * keys;
        assertThat(Stats.at(verdict.stats(), "k", "histogram")).isEqualTo(nonZero(expected));
        // The lag bounds how many versions a read can miss: those acknowledged within one lag.
        long kMax = (Long) Stats.at(verdict.stats(), "k", "max");
        assertThat(kMax).isLessThanOrEqualTo((lagTicks + periodTicks - 1) / periodTicks);
        // Every version acknowledged a lag ago is everywhere: Δt and every window stay below the lag.
        if ((Long) Stats.at(verdict.stats(), "delta", "count") > 0) {
            assertThat((Long) Stats.at(verdict.stats(), "delta", "quantiles", "1")).isLessThan(lagNanos);
        }
        assertThat((Long) Stats.at(verdict.stats(), "window", "quantiles", "1")).isLessThan(lagNanos);
        assertThat(verdict.stats()).containsEntry("windowLost", 0L);
        // P(fresh | Δ) is 1 once Δ reaches the lag.
        for (Object point : Stats.list(verdict.stats().get("tVisibility"))) {
            Map<String, Object> bin = Stats.map(point);
            if ((Long) bin.get("from") >= lagNanos) {
                assertThat(bin.get("p")).isEqualTo(1.0);
            }
        }
        // Only lagging replicas serve stale reads.
        for (Object read : Stats.list(verdict.stats().get("worstStale"))) {
            assertThat(Stats.map(read).get("node")).isNotEqualTo("n0");
        }
        boolean anyStale = expected.length > 1 && java.util.Arrays.stream(expected, 1, expected.length).sum() > 0;
        assertThat(verdict.valid()).isEqualTo(anyStale ? Validity.FALSE : Validity.TRUE);
    }

    @Property(tries = 30)
    void aLaggingSetConvergesAndEveryElementIsStableWithinTheLag(@ForAll @IntRange(min = 1, max = 5) int replicas,
            @ForAll @LongRange(min = 0, max = 20) long lagTicks, @ForAll @IntRange(min = 1, max = 4) int keys,
            @ForAll @LongRange(min = 1, max = 5) long periodTicks, @ForAll long seed) {
        LaggingStore.Run run = run("set", replicas, lagTicks, keys, periodTicks, seed);

        Verdict verdict = new ConvergenceChecker("set", null).check(History.of("simulated", run.ops()), CheckContext.defaults());

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("converged", true).containsEntry("lost", 0L);
        assertThat(Stats.at(verdict.stats(), "timeline", "lost")).isEqualTo(0L);
        assertThat((Long) Stats.at(verdict.stats(), "timeline", "stableLatency", "quantiles", "1"))
                .isLessThanOrEqualTo(lagTicks * LaggingStore.TICK_NANOS);
        if (lagTicks == 0) {
            assertThat(Stats.at(verdict.stats(), "timeline", "stale")).isEqualTo(0L);
        }
    }

    @Property(tries = 30)
    void aLaggingCounterConverges(@ForAll @IntRange(min = 1, max = 5) int replicas,
            @ForAll @LongRange(min = 0, max = 20) long lagTicks, @ForAll @IntRange(min = 1, max = 4) int keys,
            @ForAll @LongRange(min = 1, max = 5) long periodTicks, @ForAll long seed) {
        LaggingStore.Run run = run("counter", replicas, lagTicks, keys, periodTicks, seed);

        Verdict verdict = new ConvergenceChecker("counter", 0L).check(History.of("simulated", run.ops()), CheckContext.defaults());

        assertThat(verdict.valid()).isEqualTo(Validity.TRUE);
        assertThat(verdict.stats()).containsEntry("keysChecked", (long) keys).containsEntry("nodes", nodes(replicas));
    }

    private static List<Object> nodes(int replicas) {
        List<Object> nodes = new ArrayList<>();
        for (int replica = 0; replica < replicas; replica++) {
            nodes.add("n" + replica);
        }
        return nodes;
    }

    private static List<Object> nonZero(long[] readsByK) {
        List<Object> histogram = new ArrayList<>();
        for (int k = 0; k < readsByK.length; k++) {
            if (readsByK[k] > 0) {
                histogram.add(List.of((long) k, readsByK[k]));
            }
        }
        return histogram;
    }
}
