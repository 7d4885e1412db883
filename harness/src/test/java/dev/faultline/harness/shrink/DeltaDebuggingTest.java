package dev.faultline.harness.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.shrink.DeltaDebugging.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Goal: ddmin finds a 1-minimal failing sublist, stays within its run budget, and copes with a
 * failure that shows only in some attempts. Method: fake "runs" (predicates over lists of
 * numbers) instead of processes; a brute-force oracle checks 1-minimality (leaving out any single
 * item of the result passes) and that the result still fails.
 */
class DeltaDebuggingTest {

    /** A failure that needs every item of {@code needed}: ddmin finds exactly those. */
    @Property(tries = 300)
    void aFailureThatNeedsSomeItemsShrinksToExactlyThem(@ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @Size(max = 4) Set<@IntRange(min = 0, max = 39) Integer> needed) throws Exception {
        List<Integer> items = items(count);
        List<Integer> required = needed.stream().filter(item -> item < count).sorted().toList();
        Predicate<List<Integer>> fails = candidate -> candidate.containsAll(required);

        DeltaDebugging.Result<Integer> result = DeltaDebugging.minimize(items, trial(fails));

        assertThat(result.complete()).isTrue();
        assertThat(result.minimal()).isEqualTo(required);
        assertOneMinimal(result.minimal(), fails);
    }

    /** A failure that any one of several items causes: ddmin ends with one of them. */
    @Property(tries = 300)
    void aFailureThatAnyOfSomeItemsCausesShrinksToOne(@ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @Size(min = 1, max = 5) Set<@IntRange(min = 0, max = 39) Integer> causes) throws Exception {
        List<Integer> items = items(count);
        Set<Integer> present = Set.copyOf(causes.stream().filter(item -> item < count).toList());
        Predicate<List<Integer>> fails = candidate -> candidate.stream().anyMatch(present::contains);
        if (present.isEmpty()) {
            return; // The list does not fail: nothing to minimize.
        }

        DeltaDebugging.Result<Integer> result = DeltaDebugging.minimize(items, trial(fails));

        assertThat(result.minimal()).hasSize(1);
        assertThat(present).contains(result.minimal().get(0));
        assertOneMinimal(result.minimal(), fails);
    }

    @Test
    void aFailureThatNeedsNoItemShrinksToNone() throws Exception {
        List<List<Integer>> tested = new ArrayList<>();
        DeltaDebugging.Result<Integer> result = DeltaDebugging.minimize(items(8), candidate -> {
            tested.add(candidate);
            return Outcome.FAILS;
        });
        assertThat(result.minimal()).isEmpty();
        assertThat(tested).as("halves down to one item, then none").hasSize(4).last().isEqualTo(List.of());
    }

    /** The budget stops the search with the smallest failing list found so far, never a passing one. */
    @Property(tries = 200)
    void theBudgetStopsTheSearchWithAFailingList(@ForAll @IntRange(min = 2, max = 40) int count,
            @ForAll @IntRange(min = 1, max = 6) int maxRuns, @ForAll @IntRange(min = 0, max = 39) int cause) throws Exception {
        int needed = cause % count;
        Predicate<List<Integer>> fails = candidate -> candidate.contains(needed);
        RunBudget budget = new RunBudget(1, maxRuns);

        DeltaDebugging.Result<Integer> result = DeltaDebugging.minimize(items(count),
                candidate -> budget.firstFailure(attempt -> fails.test(candidate)));

        assertThat(budget.runs()).isLessThanOrEqualTo(maxRuns);
        assertThat(fails.test(result.minimal())).isTrue();
        if (!result.complete()) {
            assertThat(budget.runs()).isEqualTo(maxRuns);
        } else {
            assertThat(result.minimal()).containsExactly(needed);
        }
    }

    /**
     * A timing-dependent failure that shows in half the runs: with eight attempts per candidate a
     * failing candidate is missed once in 256, and the seeded runs here find the one fault; each
     * attempt is a run of the budget.
     */
    @Test
    void attemptsFindAFlakyFailure() throws Exception {
        SplittableRandom timing = new SplittableRandom(42);
        int[] runs = {0};
        RunBudget budget = new RunBudget(8, 1000);
        DeltaDebugging.Result<Integer> result = DeltaDebugging.minimize(items(30), candidate -> budget.firstFailure(attempt -> {
            runs[0]++;
            return candidate.contains(17) && timing.nextBoolean();
        }));
        assertThat(result.minimal()).containsExactly(17);
        assertThat(budget.runs()).isEqualTo(runs[0]);
    }

    @Property
    void partsDifferInSizeByAtMostOne(@ForAll @IntRange(min = 0, max = 50) int count, @ForAll @IntRange(min = 1, max = 50) int parts) {
        List<List<Integer>> split = DeltaDebugging.split(items(count), parts);
        assertThat(split).hasSize(parts);
        assertThat(split.stream().flatMap(List::stream).toList()).isEqualTo(items(count));
        int smallest = split.stream().mapToInt(List::size).min().orElseThrow();
        assertThat(split).allSatisfy(part -> assertThat(part.size()).isBetween(smallest, smallest + 1));
    }

    private static List<Integer> items(int count) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        return items;
    }

    private static DeltaDebugging.Trial<Integer> trial(Predicate<List<Integer>> fails) {
        return candidate -> fails.test(candidate) ? Outcome.FAILS : Outcome.PASSES;
    }

    /** The oracle: the result fails, and without any one of its items it passes. */
    private static void assertOneMinimal(List<Integer> minimal, Predicate<List<Integer>> fails) {
        assertThat(fails.test(minimal)).isTrue();
        for (Integer item : minimal) {
            List<Integer> without = new ArrayList<>(minimal);
            without.remove(item);
            assertThat(fails.test(without)).as("without %d", item).isFalse();
        }
    }
}
