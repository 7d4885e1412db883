package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Goal: the search is exact with every speed technique on, off, or on alone. Method: random
 * histories of at most seven operations, for every model and every reading of fail and nil; the
 * verdict of the plain memoised search, of each switch alone and of all of them must equal the
 * brute-force oracle's, which tries every real-time-respecting order. Coverage checks make sure
 * both verdicts come up often, so that the property cannot pass by only seeing one kind.
 */
class PruningPropertiesTest {
    /** A model with one reading of its outcomes, and the operations to draw. */
    enum Scenario {
        REGISTER("register", RandomHistories.REGISTER, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT),
        REGISTER_NIL_UNKNOWN("register", RandomHistories.REGISTER, Semantics.NilRead.UNKNOWN, Semantics.FailedCas.NO_EFFECT),
        CAS_REGISTER("cas-register", RandomHistories.CAS_REGISTER, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT),
        CAS_REGISTER_COMPARE_FAILED("cas-register", RandomHistories.CAS_REGISTER, Semantics.NilRead.ABSENT,
                Semantics.FailedCas.COMPARE_FAILED),
        KV("kv", RandomHistories.KV, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT),
        SET("set", RandomHistories.SET, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT),
        FIFO_QUEUE("fifo-queue", RandomHistories.FIFO_QUEUE, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT),
        MUTEX("mutex", RandomHistories.MUTEX, Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT),
        MULTI_REGISTER("multi-register", RandomHistories.MULTI_REGISTER, Semantics.NilRead.UNKNOWN, Semantics.FailedCas.NO_EFFECT);

        final String model;
        final RandomHistories.Workload workload;
        final Semantics semantics;

        Scenario(String model, RandomHistories.Workload workload, Semantics.NilRead nilRead, Semantics.FailedCas failedCas) {
            this.model = model;
            this.workload = workload;
            this.semantics = new Semantics(Semantics.MODEL_DEFAULT, nilRead, failedCas);
        }
    }

    static final List<Pruning> CONFIGURATIONS = List.of(
            Pruning.NONE,
            new Pruning(true, false, false, false, false, false, false, false),
            new Pruning(false, true, false, false, false, false, false, false),
            new Pruning(false, false, true, false, false, false, false, false),
            new Pruning(false, false, false, true, false, false, false, false),
            new Pruning(false, false, false, false, true, false, false, false),
            new Pruning(false, false, false, false, false, true, false, false),
            new Pruning(false, false, false, true, false, true, false, false),
            new Pruning(false, false, false, false, false, false, true, false),
            new Pruning(false, false, false, false, false, false, false, true),
            Pruning.ALL);

    @Property(tries = 2500)
    void everyConfigurationAgreesWithTheOracle(@ForAll Scenario scenario, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int processes, @ForAll @IntRange(min = 1, max = 7) int operations,
            @ForAll boolean times) {
        History history = RandomHistories.generate(new SplittableRandom(seed), scenario.workload, processes, operations, times, null);
        boolean expected = BruteForceOracle.linearizable(history, Models.create(scenario.model, scenario.semantics));
        Statistics.label("linearizable").collect(expected);
        for (Pruning pruning : CONFIGURATIONS) {
            Verdict verdict = check(history, scenario.model, scenario.semantics, pruning, true);
            assertThat(verdict.valid()).as("%s with %s on %s", scenario, pruning, history.ops())
                    .isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
        }
        bothVerdictsAtLeast(true, false, 25, 25);
    }

    /**
     * Beyond the oracle's reach: each configuration against the plain search, on longer histories
     * of a simulated object (linearizable by construction unless one read was perturbed).
     */
    @Property(tries = 300)
    void everyConfigurationAgreesWithThePlainSearchOnLongerHistories(@ForAll Scenario scenario, @ForAll long seed,
            @ForAll @IntRange(min = 2, max = 5) int processes, @ForAll @IntRange(min = 8, max = 40) int operations) {
        Assume.that(scenario.semantics.equals(Semantics.defaults()) && !scenario.model.equals("multi-register"));
        History history = RandomHistories.simulated(new SplittableRandom(seed), scenario.workload, scenario.model, processes,
                operations, 0.4, RandomHistories::readResult);
        Validity plain = check(history, scenario.model, Semantics.defaults(), Pruning.NONE, true).valid();
        Statistics.label("linearizable").collect(plain);
        for (Pruning pruning : CONFIGURATIONS) {
            assertThat(check(history, scenario.model, Semantics.defaults(), pruning, true).valid())
                    .as("%s with %s on %s", scenario, pruning, history.ops()).isEqualTo(plain);
        }
        bothVerdictsAtLeast(Validity.TRUE, Validity.FALSE, 30, 10);
    }

    @Property(tries = 600)
    void uniqueValueZonesAgreeWithTheOracle(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @IntRange(min = 1, max = 8) int operations, @ForAll boolean times, @ForAll boolean nilUnknown) {
        History history = RandomHistories.uniqueRegister(new SplittableRandom(seed), processes, operations, times);
        Semantics semantics = new Semantics(Semantics.MODEL_DEFAULT,
                nilUnknown ? Semantics.NilRead.UNKNOWN : Semantics.NilRead.ABSENT, Semantics.FailedCas.NO_EFFECT);
        boolean expected = BruteForceOracle.linearizable(history, Models.create("register", semantics));
        Statistics.label("linearizable").collect(expected);
        Verdict zones = check(history, "register", semantics, new Pruning(false, false, false, false, true, false, false, false), true);
        assertThat(zones.valid()).as("zones on %s", history.ops()).isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
        assertThat(zones.stats().get("partitionsByZones")).isEqualTo(zones.stats().get("partitions"));
        Verdict all = check(history, "register", semantics, Pruning.ALL, true);
        assertThat(all.valid()).as("all on %s", history.ops()).isEqualTo(zones.valid());
        bothVerdictsAtLeast(true, false, 20, 20);
    }

    @Property(tries = 600)
    void partitionedAndWholeAgreeWithTheOraclePerKey(@ForAll long seed, @ForAll boolean kv,
            @ForAll @IntRange(min = 1, max = 4) int processes, @ForAll @IntRange(min = 1, max = 8) int operations) {
        String model = kv ? "kv" : "cas-register";
        RandomHistories.Workload workload = kv ? RandomHistories.KV : RandomHistories.CAS_REGISTER;
        List<Object> keys = List.of("x", "y");
        History history = RandomHistories.generate(new SplittableRandom(seed), workload, processes, operations, false, keys);
        Semantics semantics = Semantics.defaults();
        boolean expected = true;
        for (Object key : keys) {
            History onlyKey = History.of(history.ops().stream()
                    .filter(op -> key.equals(op.key())).map(op -> op.withIndex(0)).toList());
            expected &= BruteForceOracle.linearizable(onlyKey, Models.create(model, semantics));
        }
        Statistics.label("linearizable").collect(expected);
        Validity want = expected ? Validity.TRUE : Validity.FALSE;
        assertThat(check(history, model, semantics, Pruning.ALL, true).valid()).as("partitioned %s", history.ops()).isEqualTo(want);
        assertThat(check(history, model, semantics, Pruning.ALL, false).valid()).as("whole %s", history.ops()).isEqualTo(want);
        assertThat(check(history, model, semantics, Pruning.NONE, false).valid()).as("whole, plain %s", history.ops()).isEqualTo(want);
    }

    /** Makes sure the generator gives both verdicts often enough for the property to mean something. */
    private static void bothVerdictsAtLeast(Object yes, Object no, double yesPercent, double noPercent) {
        Statistics.label("linearizable").coverage(coverage -> {
            coverage.check(yes).percentage(percent -> percent > yesPercent);
            coverage.check(no).percentage(percent -> percent > noPercent);
        });
    }

    static Verdict check(History history, String model, Semantics semantics, Pruning pruning, boolean partitioned) {
        LinearizableChecker checker = new LinearizableChecker(model, semantics, partitioned, pruning);
        return checker.check(history, CheckContext.of(Duration.ofSeconds(30), 64L << 20, 1));
    }
}
