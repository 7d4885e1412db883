package dev.faultline.checker.eventual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample of non-negative durations (or counts), summarized for {@code results.json} in a shape
 * a plot can use directly:
 *
 * <pre>{@code
 * {"count": 1200, "mean": 812.5,
 *  "quantiles": {"0": 0, "0.5": 640, "0.95": 2100, "0.99": 3900, "1": 5020},
 *  "cdf": [[0, 0.12], [15, 0.2], ..., [5020, 1.0]]}
 * }</pre>
 *
 * Quantiles are nearest-rank (the value at rank ⌈q·n⌉, the minimum for q = 0), the points
 * Jepsen's set-full reports. The CDF is the empirical step function sampled at every percentile:
 * each pair is a sample value x and the exact fraction of samples ≤ x, with x distinct and
 * increasing, so at most 101 points whatever the sample size. An empty sample has count 0 and no
 * other field.
 */
final class Distribution {
    static final double[] QUANTILES = {0, 0.5, 0.95, 0.99, 1};
    private static final int CDF_STEPS = 100;

    private long[] values = new long[16];
    private int count;

    void add(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a duration cannot be negative, was " + value);
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
    }

    int count() {
        return count;
    }

    Map<String, Object> summary() {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", (long) count);
        if (count == 0) {
            return summary;
        }
        summary.put("mean", Arrays.stream(sorted).asDoubleStream().sum() / count);
        Map<String, Object> quantiles = new LinkedHashMap<>();
        for (double q : QUANTILES) {
            quantiles.put(quantileName(q), quantile(sorted, q));
        }
        summary.put("quantiles", quantiles);
        summary.put("cdf", cdf(sorted));
        return summary;
    }

    /** The nearest-rank quantile of a sorted, non-empty sample. */
    static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static List<Object> cdf(long[] sorted) {
        List<Object> points = new ArrayList<>();
        long previous = -1;
        for (int step = 0; step <= CDF_STEPS; step++) {
            long x = quantile(sorted, step / (double) CDF_STEPS);
            if (x != previous) {
                points.add(List.of(x, SortedLongs.countAtMost(sorted, x) / (double) sorted.length));
                previous = x;
            }
        }
        return points;
    }

    static String quantileName(double q) {
        return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
    }
}
