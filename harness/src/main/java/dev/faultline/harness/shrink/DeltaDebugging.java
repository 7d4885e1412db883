package dev.faultline.harness.shrink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zeller and Hildebrandt's ddmin ("Simplifying and Isolating Failure-Inducing Input", IEEE TSE
 * 2002): from a list of items that fails, the smallest sublist it can find that still fails, by
 * testing halves, then complements, then finer parts. When the budget lets it finish, the result
 * is 1-minimal: leaving out any single item makes the failure go away (the empty list is tested
 * last, so a failure that needs no item at all ends empty). Items keep their order. A candidate
 * is tested at most once. Iterative, as Porcupine's search is: no recursion.
 */
public final class DeltaDebugging {
    private DeltaDebugging() {}

    /** What testing a candidate said. */
    public enum Outcome {
        FAILS,
        PASSES,
        /** The budget ran out before the candidate could be decided. */
        OUT_OF_BUDGET
    }

    /** Tests one candidate. */
    public interface Trial<T> {
        Outcome test(List<T> candidate) throws Exception;
    }

    /**
     * @param minimal the smallest failing sublist found
     * @param complete true when the search finished (the result is 1-minimal); false when the budget stopped it
     */
    public record Result<T>(List<T> minimal, boolean complete) {
        public Result {
            minimal = List.copyOf(minimal);
        }
    }

    /**
     * Minimizes {@code failing}, a list known to fail.
     *
     * @throws Exception whatever the trial throws
     */
    public static <T> Result<T> minimize(List<T> failing, Trial<T> trial) throws Exception {
        Map<List<T>, Outcome> tested = new HashMap<>();
        Trial<T> once = candidate -> {
            Outcome known = tested.get(candidate);
            if (known != null) {
                return known;
            }
            Outcome outcome = trial.test(candidate);
            if (outcome != Outcome.OUT_OF_BUDGET) {
                tested.put(List.copyOf(candidate), outcome);
            }
            return outcome;
        };
        List<T> current = List.copyOf(failing);
        int granularity = 2;
        while (current.size() >= 2) {
            List<List<T>> subsets = split(current, granularity);
            Search<T> search = firstFailing(subsets, once);
            int nextGranularity = 2;
            if (search.found() == null && !search.outOfBudget() && granularity > 2) {
                // With two parts the complements are the parts themselves.
                List<List<T>> complements = new ArrayList<>();
                for (List<T> subset : subsets) {
                    complements.add(complement(current, subset));
                }
                search = firstFailing(complements, once);
                nextGranularity = Math.max(granularity - 1, 2);
            }
            if (search.outOfBudget()) {
                return new Result<>(current, false);
            }
            if (search.found() != null) {
                current = search.found();
                granularity = nextGranularity;
            } else if (granularity >= current.size()) {
                break;
            } else {
                granularity = Math.min(current.size(), granularity * 2);
            }
        }
        if (current.size() == 1) {
            Outcome none = once.test(List.of());
            if (none == Outcome.OUT_OF_BUDGET) {
                return new Result<>(current, false);
            }
            if (none == Outcome.FAILS) {
                current = List.of();
            }
        }
        return new Result<>(current, true);
    }

    /** The first failing candidate, if any, or that the budget ran out first. */
    private record Search<T>(List<T> found, boolean outOfBudget) {}

    private static <T> Search<T> firstFailing(List<List<T>> candidates, Trial<T> trial) throws Exception {
        for (List<T> candidate : candidates) {
            Outcome outcome = trial.test(candidate);
            if (outcome == Outcome.OUT_OF_BUDGET) {
                return new Search<>(null, true);
            }
            if (outcome == Outcome.FAILS) {
                return new Search<>(candidate, false);
            }
        }
        return new Search<>(null, false);
    }

    /** {@code items} cut into {@code parts} consecutive parts whose sizes differ by at most one. */
    static <T> List<List<T>> split(List<T> items, int parts) {
        List<List<T>> split = new ArrayList<>(parts);
        int start = 0;
        for (int part = 0; part < parts; part++) {
            int end = start + (items.size() - start) / (parts - part);
            split.add(List.copyOf(items.subList(start, end)));
            start = end;
        }
        return split;
    }

    private static <T> List<T> complement(List<T> items, List<T> left) {
        List<T> rest = new ArrayList<>(items);
        rest.removeAll(left);
        return List.copyOf(rest);
    }
}
