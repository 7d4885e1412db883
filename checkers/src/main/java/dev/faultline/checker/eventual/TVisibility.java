package dev.faultline.checker.eventual;

import java.util.ArrayList;
import java.util.List;

/**
 * The empirical t-visibility curve P̂(fresh | Δ) of PBS (notes §5.4, §9.5): reads binned by Δ, the
 * time from the acknowledgement of L(r) (the newest version acknowledged before the read was
 * invoked) to the read's invocation, on a 1-2-5 log scale (bins [0, 1), [1, 2), [2, 5), [5, 10), [10, 20), ...), each with the fraction of fresh
 * reads and its Wilson score 95 % interval. Only non-empty bins are listed, in increasing Δ:
 *
 * <pre>{@code
 * [{"from": 1000, "to": 2000, "reads": 40, "fresh": 12, "p": 0.3, "low": 0.18, "high": 0.45}, ...]
 * }</pre>
 */
final class TVisibility {
    /** The 97.5th percentile of the standard normal distribution, for a 95 % interval. */
    private static final double Z = 1.959963984540054;
    /** Enough 1-2-5 bins to cover every non-negative long. */
    private static final int BINS = 1 + 3 * 19;

    private final long[] reads = new long[BINS];
    private final long[] fresh = new long[BINS];

    void add(long delta, boolean isFresh) {
        int bin = bin(delta);
        reads[bin]++;
        if (isFresh) {
            fresh[bin]++;
        }
    }

    /** Bin 0 is [0, 1); then three bins per decade: [1, 2) [2, 5) [5, 10), [10, 20) ... */
    static int bin(long delta) {
        if (delta <= 0) {
            return 0;
        }
        long decade = 1;
        int decades = 0;
        while (decade <= delta / 10) {
            decade *= 10;
            decades++;
        }
        long mantissa = delta / decade;
        int third = mantissa < 2 ? 0 : mantissa < 5 ? 1 : 2;
        return 1 + 3 * decades + third;
    }

    /** The lower edge of a bin. */
    static long from(int bin) {
        if (bin == 0) {
            return 0;
        }
        long decade = 1;
        for (int i = 0; i < (bin - 1) / 3; i++) {
            decade *= 10;
        }
        return decade * new long[] {1, 2, 5}[(bin - 1) % 3];
    }

    /** The upper edge of a bin (exclusive); Long.MAX_VALUE for the last. */
    static long to(int bin) {
        return bin + 1 < BINS ? from(bin + 1) : Long.MAX_VALUE;
    }

    List<Object> curve() {
        List<Object> points = new ArrayList<>();
        for (int bin = 0; bin < BINS; bin++) {
            if (reads[bin] > 0) {
                double n = reads[bin];
                double p = fresh[bin] / n;
                double center = (p + Z * Z / (2 * n)) / (1 + Z * Z / n);
                double half = Z / (1 + Z * Z / n) * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n));
                points.add(Data.of("from", from(bin), "to", to(bin), "reads", reads[bin], "fresh", fresh[bin],
                        "p", p, "low", Math.max(0, center - half), "high", Math.min(1, center + half)));
            }
        }
        return points;
    }
}
