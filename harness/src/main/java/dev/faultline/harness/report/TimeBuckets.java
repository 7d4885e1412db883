package dev.faultline.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run cut into equal time buckets for the throughput and latency-quantile charts (Jepsen's
 * {@code rate.png} and {@code latency-quantiles.png}): a downsampling of 100,000 operations into
 * at most {@link #BUCKETS_MAX} points per series, done once here so the page only draws lines.
 *
 * <ul>
 *   <li>Throughput: operations <em>completed</em> in each bucket, by function and outcome
 *       ({@code "read:ok"}); operations that never completed are not counted.
 *   <li>Latency: for the {@code ok} operations <em>invoked</em> in each bucket, by function, the
 *       quantiles {@link #QUANTILES} by nearest rank (the smallest latency with at least a
 *       fraction q of the bucket at or below it); null for a bucket without such operations.
 *       {@code fail} and {@code info} latencies are left out: an info latency is the client's
 *       timeout, not the system's.
 * </ul>
 *
 * Bucket widths are 1-2-5 steps of the time unit so the axis reads in round numbers.
 */
final class TimeBuckets {
    static final int BUCKETS_MAX = 120;
    static final double[] QUANTILES = {0.5, 0.95, 0.99, 1.0};
    static final List<String> QUANTILE_NAMES = List.of("0.5", "0.95", "0.99", "1");

    /**
     * @param width the bucket width in report units; bucket i covers [i * width, (i + 1) * width)
     * @param throughput completions per bucket, by {@code f:outcome}
     * @param latency per function, per quantile name, the quantile per bucket (null when empty)
     */
    record Series(long width, int count, Map<String, long[]> throughput, Map<String, Map<String, Long[]>> latency) {}

    private TimeBuckets() {}

    /** The smallest 1-2-5 width that covers {@code span} in at most {@code bucketsMax} buckets. */
    static long niceWidth(long span, int bucketsMax) {
        long needed = Math.max(1, (span + bucketsMax - 1) / bucketsMax);
        for (long decade = 1; ; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * decade >= needed) {
                    return step * decade;
                }
            }
        }
    }

    /** @param endTime the end of the run in report units; buckets cover [0, endTime] */
    static Series of(OpTable table, long endTime) {
        long width = niceWidth(Math.max(1, endTime + 1), BUCKETS_MAX);
        int count = (int) (endTime / width) + 1;
        String[] outcomes = {"ok", "fail", "info"};
        Map<String, long[]> throughput = new TreeMap<>();
        Map<String, List<List<Long>>> latencies = new TreeMap<>();
        for (int id = 0; id < table.size(); id++) {
            String f = table.operation(id).f();
            int outcome = table.outcome(id);
            if (outcome == OpTable.OPEN) {
                continue;
            }
            long end = table.end(id);
            throughput.computeIfAbsent(f + ":" + outcomes[outcome], k -> new long[count])[bucket(end, width, count)]++;
            if (outcome == OpTable.OK) {
                List<List<Long>> byBucket = latencies.computeIfAbsent(f, k -> emptyBuckets(count));
                byBucket.get(bucket(table.start(id), width, count)).add(end - table.start(id));
            }
        }
        Map<String, Map<String, Long[]>> latency = new TreeMap<>();
        latencies.forEach((f, byBucket) -> latency.put(f, quantiles(byBucket)));
        return new Series(width, count, throughput, latency);
    }

    private static int bucket(long time, long width, int count) {
        return (int) Math.min(count - 1, Math.max(0, time / width));
    }

    private static List<List<Long>> emptyBuckets(int count) {
        List<List<Long>> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            buckets.add(new ArrayList<>());
        }
        return buckets;
    }

    private static Map<String, Long[]> quantiles(List<List<Long>> byBucket) {
        Map<String, Long[]> series = new LinkedHashMap<>();
        for (String name : QUANTILE_NAMES) {
            series.put(name, new Long[byBucket.size()]);
        }
        for (int bucket = 0; bucket < byBucket.size(); bucket++) {
            long[] sorted = byBucket.get(bucket).stream().mapToLong(Long::longValue).toArray();
            if (sorted.length == 0) {
                continue;
            }
            Arrays.sort(sorted);
            for (int q = 0; q < QUANTILES.length; q++) {
                series.get(QUANTILE_NAMES.get(q))[bucket] = nearestRank(sorted, QUANTILES[q]);
            }
        }
        return series;
    }

    /** The smallest value with at least a fraction q of the sorted values at or below it. */
    static long nearestRank(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** As the page reads it ({@code DATA.series}). */
    static Map<String, Object> toJson(Series series) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("width", series.width());
        json.put("count", series.count());
        json.put("throughput", series.throughput());
        json.put("latency", series.latency());
        return json;
    }
}
