package dev.faultline.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Goal: the stale-read pre-check is sound: whatever it finds is a violation, and the
 * sub-history it hands to the search is one on its own. Method: random cas-register histories
 * with unique written values and every outcome (ok, fail, info, never completed), under both
 * readings of nil reads and failed CAS; the brute-force oracle judges the whole history and the
 * finding's sub-history. Longer histories of a simulated register, with one read made stale at
 * random, are judged by the plain search instead. Coverage checks make sure the pre-check
 * finds a good share of the violations, so that the property cannot pass by finding nothing.
 */
class StaleReadsPropertiesTest {
    private static final Pruning ONLY_STALE_READS = new Pruning(false, false, false, false, false, false, false, true);

    @Property(tries = 1500)
    void everyFindingIsAViolationOnItsOwn(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @IntRange(min = 1, max = 8) int operations, @ForAll boolean times, @ForAll Semantics.NilRead nilRead,
            @ForAll Semantics.FailedCas failedCas, @ForAll boolean dropInfo) {
        History history = RandomHistories.generate(new SplittableRandom(seed), RandomHistories.uniqueCasRegister(), processes,
                operations, times, null);
        Semantics semantics = new Semantics(Semantics.MODEL_DEFAULT, nilRead, failedCas);
        Model<?> model = Models.create("cas-register", semantics);
        boolean linearizable = BruteForceOracle.linearizable(history, model);
        List<Integer> finding = finding(history, model, dropInfo ? Pruning.ALL : ONLY_STALE_READS);
        Statistics.label("verdict").collect(linearizable ? "linearizable" : finding == null ? "violation missed" : "violation found");
        if (finding != null) {
            assertThat(linearizable).as("a finding on a linearizable history: %s", history.ops()).isFalse();
            assertThat(BruteForceOracle.linearizable(subHistory(history, finding), model))
                    .as("the sub-history %s of %s", finding, history.ops()).isFalse();
        }
        Validity want = linearizable ? Validity.TRUE : Validity.FALSE;
        assertThat(check(history, semantics, ONLY_STALE_READS)).as("only stale reads on %s", history.ops()).isEqualTo(want);
        assertThat(check(history, semantics, Pruning.ALL)).as("all on %s", history.ops()).isEqualTo(want);
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check("linearizable").percentage(percent -> percent > 20);
            coverage.check("violation found").percentage(percent -> percent > 15);
        });
    }

    @Property(tries = 300)
    void everyFindingOnALongerHistoryIsConfirmedByThePlainSearch(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 5) int processes, @ForAll @IntRange(min = 8, max = 40) int operations) {
        History history = RandomHistories.simulated(new SplittableRandom(seed), RandomHistories.uniqueCasRegister(),
                "cas-register", processes, operations, 0.6, RandomHistories::readResult);
        Semantics semantics = Semantics.defaults();
        Validity plain = check(history, semantics, Pruning.NONE);
        List<Integer> finding = finding(history, Models.create("cas-register", semantics), Pruning.ALL);
        Statistics.label("verdict").collect(plain == Validity.TRUE ? "linearizable"
                : finding == null ? "violation missed" : "violation found");
        if (finding != null) {
            assertThat(plain).as("a finding on a linearizable history: %s", history.ops()).isEqualTo(Validity.FALSE);
        }
        assertThat(check(history, semantics, Pruning.ALL)).as("all on %s", history.ops()).isEqualTo(plain);
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check("linearizable").percentage(percent -> percent > 20);
            coverage.check("violation found").percentage(percent -> percent > 15);
        });
    }

    /** The history positions of the finding's invocations, or null when the pre-check finds nothing. */
    private static List<Integer> finding(History history, Model<?> model, Pruning pruning) {
        List<Partition> partitions = Partitioner.partitions(history, model, true);
        if (partitions.isEmpty()) {
            return null;
        }
        CompiledPartition compiled = CompiledPartition.compile(partitions.get(0), model, pruning, new MemoryBudget(64L << 20));
        StaleReads.Finding finding = StaleReads.find(compiled);
        if (finding == null) {
            return null;
        }
        List<Integer> positions = new ArrayList<>();
        for (int op : finding.ops()) {
            positions.add(compiled.ops[op].position());
        }
        return positions;
    }

    /** The invocations at these positions and their completions, renumbered. */
    private static History subHistory(History history, List<Integer> invocations) {
        List<Op> ops = new ArrayList<>();
        for (int position = 0; position < history.size(); position++) {
            int invocation = history.get(position).type() == dev.faultline.history.OpType.INVOKE ? position : history.pairOf(position);
            if (invocations.contains(invocation)) {
                ops.add(history.get(position).withIndex(0));
            }
        }
        return History.of(ops);
    }

    private static Validity check(History history, Semantics semantics, Pruning pruning) {
        return new LinearizableChecker("cas-register", semantics, true, pruning)
                .check(history, CheckContext.of(Duration.ofSeconds(30), 64L << 20, 1)).valid();
    }
}
