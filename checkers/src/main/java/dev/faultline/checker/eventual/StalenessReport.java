package dev.faultline.checker.eventual;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What the {@code staleness} checker learns over every key: per-read k and Δt, per-write windows,
 * the t-visibility curve, the regularity violations with their witnesses, and the statistics of
 * the package documentation built from them.
 */
final class StalenessReport {
    /** How many of the stalest reads the statistics name. */
    static final int WORST_STALE_MAX = 8;
    /** How many unmeasurable keys the statistics name, with the reason. */
    private static final int SKIPPED_LISTED_MAX = 20;

    /** One stale read as measured, for the worst list. */
    private record StaleRead(Object key, int read, String node, long version, long newest, long k, long delta) {}

    private final OpClock clock;
    private final AnomalyLog findings = new AnomalyLog(AnomalyLog.CHEAP_WITNESSES_PER_TYPE);
    private final Map<String, Long> keysByOrder = new TreeMap<>();
    private final List<Object> skipped = new ArrayList<>();
    private long keysSkipped;
    private long acknowledgedWrites;
    private long measured;
    private long fresh;
    private long unversioned;
    private long[] kCounts = new long[8];
    private final Distribution delta = new Distribution();
    private final Distribution window = new Distribution();
    private long windowLost;
    private final TVisibility tVisibility = new TVisibility();
    private final PriorityQueue<StaleRead> worst = new PriorityQueue<>(Comparator.comparingLong(StaleRead::delta));

    StalenessReport(OpClock clock) {
        this.clock = clock;
    }

    AnomalyLog findings() {
        return findings;
    }

    long keysMeasured() {
        return keysByOrder.values().stream().mapToLong(Long::longValue).sum();
    }

    long keysSkipped() {
        return keysSkipped;
    }

    /** The first key that could not be measured and why, for an unknown verdict's cause. */
    String firstSkipped() {
        Map<?, ?> first = (Map<?, ?>) skipped.get(0);
        return KeyedOperations.prefix(first.get("key")) + first.get("reason");
    }

    void measuredKey(String order, long acknowledged) {
        keysByOrder.merge(order, 1L, Long::sum);
        acknowledgedWrites += acknowledged;
    }

    void skippedKey(Object key, String reason) {
        if (keysSkipped++ < SKIPPED_LISTED_MAX) {
            skipped.add(Data.of("key", key, "reason", reason));
        }
    }

    void unversionedRead() {
        unversioned++;
    }

    /**
     * One measured read.
     *
     * @param newestWrite the write of L(r), the newest version acknowledged before the read was
     *     invoked, or null when none was
     * @param sinceNewest the time from newestWrite's acknowledgement to the read's invocation
     */
    void read(Object key, Operation read, long version, int k, long deltaTime, Operation newestWrite, long newestVersion,
            long sinceNewest) {
        measured++;
        if (k >= kCounts.length) {
            kCounts = Arrays.copyOf(kCounts, Math.max(k + 1, kCounts.length * 2));
        }
        kCounts[k]++;
        boolean isFresh = k == 0;
        if (newestWrite != null) {
            tVisibility.add(sinceNewest, isFresh);
        }
        if (isFresh) {
            fresh++;
            return;
        }
        delta.add(deltaTime);
        worst.add(new StaleRead(key, read.complete().index(), read.node(), version, newestVersion, k, deltaTime));
        if (worst.size() > WORST_STALE_MAX) {
            worst.poll();
        }
        findings.add("stale-read", () -> new Anomaly("stale-read",
                KeyedOperations.prefix(key) + "the read at op " + read.complete().index() + describeReader(read)
                        + " returned " + describeVersion(read.value(), version) + ", but version " + newestVersion
                        + " (op " + newestWrite.invoke().index() + ") was acknowledged at op "
                        + newestWrite.complete().index() + ", " + sinceNewest + " " + clock.unit()
                        + " before the read was invoked; the read missed " + k + " acknowledged newer version"
                        + (k == 1 ? "" : "s") + ", the first acknowledged " + deltaTime + " " + clock.unit() + " before it",
                List.of(newestWrite.invoke().index(), newestWrite.complete().index(), read.invoke().index(),
                        read.complete().index()),
                Data.of("key", key, "read", (long) read.complete().index(), "node", read.node(),
                        "version", versionData(version), "newest", newestVersion,
                        "newestWrite", (long) newestWrite.invoke().index(), "k", (long) k, "delta", deltaTime)));
    }

    /** A regularity violation the other way: the read returned a version not yet written. */
    void futureRead(Object key, Operation read, long version, long newestInvoked) {
        findings.add("future-read", () -> new Anomaly("future-read",
                KeyedOperations.prefix(key) + "the read at op " + read.complete().index() + describeReader(read)
                        + " returned " + describeVersion(read.value(), version) + ", but the newest version invoked"
                        + " before the read completed is " + (newestInvoked == VersionOrder.INITIAL ? "the initial value"
                                : Long.toString(newestInvoked)),
                List.of(read.invoke().index(), read.complete().index()),
                Data.of("key", key, "read", (long) read.complete().index(), "version", version,
                        "newestInvoked", versionData(newestInvoked))));
    }

    /** A read of a value no write wrote ({@code thin-air-read}), or only a failed one ({@code aborted-read}). */
    void impossibleRead(Object key, Operation read, Operation failedWrite) {
        String type = failedWrite == null ? "thin-air-read" : "aborted-read";
        findings.add(type, () -> {
            List<Integer> ops = new ArrayList<>();
            if (failedWrite != null) {
                ops.addAll(KeyedOperations.indices(failedWrite));
            }
            ops.addAll(KeyedOperations.indices(read));
            return new Anomaly(type,
                    KeyedOperations.prefix(key) + "the read at op " + read.complete().index() + describeReader(read)
                            + " returned " + Values.describe(read.value())
                            + (failedWrite == null ? ", which no write wrote"
                                    : ", written only by the failed write at op " + failedWrite.invoke().index()),
                    ops, Data.of("key", key, "read", (long) read.complete().index(), "value", read.value()));
        });
    }

    void writeWindow(long windowTime) {
        window.add(windowTime);
    }

    void lostWrite() {
        windowLost++;
    }

    private static String describeReader(Operation read) {
        return " (p" + read.process() + (read.node() == null ? "" : " at " + read.node()) + ")";
    }

    private static String describeVersion(Object value, long version) {
        return Values.describe(value) + " (" + (version == VersionOrder.INITIAL ? "the initial value" : "version " + version) + ")";
    }

    /** A version for the data: null for the initial value. */
    private static Object versionData(long version) {
        return version == VersionOrder.INITIAL ? null : version;
    }

    Map<String, Object> stats() {
        Map<String, Object> stats = Data.of(
                "timeUnit", clock.unit(),
                "keysMeasured", keysMeasured(),
                "keysSkipped", keysSkipped,
                "skipped", skipped,
                "versionOrder", new TreeMap<String, Object>(keysByOrder),
                "acknowledgedWrites", acknowledgedWrites);
        stats.put("reads", Data.of(
                "measured", measured,
                "fresh", fresh,
                "stale", measured - fresh,
                "unversioned", unversioned,
                "thinAir", findings.count("thin-air-read"),
                "aborted", findings.count("aborted-read"),
                "future", findings.count("future-read")));
        stats.put("k", kStats());
        stats.put("delta", delta.summary());
        stats.put("window", window.summary());
        stats.put("windowLost", windowLost);
        stats.put("tVisibility", tVisibility.curve());
        stats.put("regularity", Data.of(
                "valid", findings.isEmpty(),
                "staleReads", findings.count("stale-read"),
                "futureReads", findings.count("future-read")));
        stats.put("worstStale", worstStale());
        stats.put("anomalyCounts", findings.counts());
        stats.put("witnessesTruncated", findings.truncated());
        return stats;
    }

    /** {@code {"histogram": [[k, reads], ...], "cdf": [[K, P(k ≤ K)], ...], "max", "mean"}}, the histogram lists only the k some read had. */
    private Map<String, Object> kStats() {
        List<Object> histogram = new ArrayList<>();
        List<Object> cdf = new ArrayList<>();
        long cumulative = 0;
        long max = 0;
        double sum = 0;
        for (int k = 0; k < kCounts.length; k++) {
            if (kCounts[k] > 0) {
                cumulative += kCounts[k];
                histogram.add(List.of((long) k, kCounts[k]));
                cdf.add(List.of((long) k, cumulative / (double) measured));
                max = k;
                sum += (double) k * kCounts[k];
            }
        }
        return Data.of("histogram", histogram, "cdf", cdf, "max", max, "mean", measured == 0 ? 0.0 : sum / measured);
    }

    private List<Object> worstStale() {
        List<StaleRead> sorted = new ArrayList<>(worst);
        sorted.sort(Comparator.comparingLong(StaleRead::delta).reversed());
        List<Object> rendered = new ArrayList<>();
        for (StaleRead read : sorted) {
            rendered.add(Data.of("key", read.key(), "read", (long) read.read(), "node", read.node(),
                    "version", versionData(read.version()), "newest", read.newest(), "k", read.k(), "delta", read.delta()));
        }
        return rendered;
    }
}
