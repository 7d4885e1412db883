package dev.faultline.checker.eventual;

import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Jepsen's set-full timeline (notes §5.2), per element over every successful read: when it became
 * known, the last read that returned it and the last that did not, hence whether it ended stable,
 * lost or never read, and how long after it was known it became stably visible.
 *
 * <p>One departure from Jepsen, on purpose: only reads <em>invoked after the add was invoked</em>
 * count as absences. Jepsen counts every read that completed after the add's invocation; a read
 * invoked earlier may legally miss the element, and ignoring it lets the last absence be found by
 * walking back from the newest read over the reads that returned the element, so the whole
 * timeline costs O(Σ |read| + reads) instead of Jepsen's O(elements × reads).
 *
 * <p>Definitions, with reads ordered by invocation position:
 * <ul>
 *   <li>stable: some read returned it, and the last such read was invoked after the last absence;
 *   <li>lost: it was known (acknowledged, or returned by a read), and the last absence was invoked
 *       after the last read that returned it and after it was known;
 *   <li>never read: anything else, including indeterminate adds no read returned;
 *   <li>stable latency: (time of the last absence's invocation + 1, or 0) − known time, floored at
 *       0, as Jepsen computes it; stale: stable with a latency above 0.
 * </ul>
 * Failed adds did not happen and take no part.
 */
final class SetTimeline {
    enum Outcome { STABLE, LOST, NEVER_READ }

    /** How many of the stalest elements the statistics name, as Jepsen's {@code :worst-stale}. */
    static final int WORST_STALE_MAX = 8;

    private record Stale(Object key, Object element, long latency, int addIndex) {}

    private long stable;
    private long lost;
    private long neverRead;
    private long stale;
    private final Distribution stableLatency = new Distribution();
    private final PriorityQueue<Stale> worstStale = new PriorityQueue<>(Comparator.comparingLong(Stale::latency));

    /** Adds one key's elements to the totals. */
    void addKey(Object key, SetReads set, OpClock clock) {
        List<Operation> reads = set.reads();
        for (Map.Entry<Object, SetReads.Element> entry : set.elements().entrySet()) {
            SetReads.Element element = entry.getValue();
            if (element.add.isFail()) {
                continue;
            }
            int lastAbsent = lastAbsent(element, reads);
            switch (outcome(element, lastAbsent, reads)) {
                case STABLE -> {
                    stable++;
                    long latency = stableLatency(element, lastAbsent, reads, clock);
                    stableLatency.add(latency);
                    if (latency > 0) {
                        stale++;
                        rememberStale(new Stale(key, entry.getKey(), latency, element.add.invoke().index()));
                    }
                }
                case LOST -> lost++;
                case NEVER_READ -> neverRead++;
            }
        }
    }

    /**
     * The index of the last read invoked after the add was invoked that did not return the
     * element, or -1. Walks back from the newest read, stepping over the reads that returned it.
     */
    static int lastAbsent(SetReads.Element element, List<Operation> reads) {
        int addInvocation = element.add.invocation();
        int read = reads.size() - 1;
        int present = element.presentCount - 1;
        while (read >= 0 && reads.get(read).invocation() > addInvocation) {
            if (present >= 0 && element.presentIn[present] == read) {
                read--;
                present--;
            } else {
                return read;
            }
        }
        return -1;
    }

    static Outcome outcome(SetReads.Element element, int lastAbsent, List<Operation> reads) {
        int lastPresent = element.lastPresent();
        if (lastPresent >= 0 && lastPresent > lastAbsent) {
            return Outcome.STABLE;
        }
        if (element.isKnown() && lastAbsent >= 0 && reads.get(lastAbsent).invocation() > element.knownPosition) {
            return Outcome.LOST;
        }
        return Outcome.NEVER_READ;
    }

    static long stableLatency(SetReads.Element element, int lastAbsent, List<Operation> reads, OpClock clock) {
        long stableTime = lastAbsent < 0 ? 0 : clock.invoked(reads.get(lastAbsent)) + 1;
        return Math.max(0, stableTime - element.knownTime);
    }

    private void rememberStale(Stale candidate) {
        worstStale.add(candidate);
        if (worstStale.size() > WORST_STALE_MAX) {
            worstStale.poll();
        }
    }

    /**
     * {@code {"stable", "lost", "neverRead", "stale", "stableLatency": distribution,
     * "worstStale": [{"key", "element", "latency", "add"}]}}, the worst first.
     */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("stable", stable);
        stats.put("lost", lost);
        stats.put("neverRead", neverRead);
        stats.put("stale", stale);
        stats.put("stableLatency", stableLatency.summary());
        List<Stale> worst = new ArrayList<>(worstStale);
        worst.sort(Comparator.comparingLong(Stale::latency).reversed());
        List<Object> rendered = new ArrayList<>();
        for (Stale element : worst) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", element.key());
            entry.put("element", element.element());
            entry.put("latency", element.latency());
            entry.put("add", (long) element.addIndex());
            rendered.add(entry);
        }
        stats.put("worstStale", rendered);
        return stats;
    }
}
