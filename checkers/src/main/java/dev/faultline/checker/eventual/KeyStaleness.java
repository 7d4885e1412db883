package dev.faultline.checker.eventual;

import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Staleness of one key's reads and writes (notes §9.5), in O(n log n):
 *
 * <ul>
 *   <li>per read r: L(r), the newest version acknowledged before r was invoked; k(r), how many
 *       acknowledged versions newer than the one r returned were acknowledged before r was
 *       invoked; Δt(r), the time from the first of those acknowledgements to r's invocation (0
 *       when k = 0); r is fresh iff it returned a version ≥ L(r), that is iff k(r) = 0;
 *   <li>regularity: a read that is not fresh is a {@code stale-read}, and a read of a version
 *       newer than every write invoked before it completed is a {@code future-read};
 *   <li>per acknowledged write w: window(w) = max(0, max{r.inv − ack(w) : ver(r) < ver(w)}), the
 *       last time some read still returned an older version; lost (infinite) when a final read
 *       returned an older version.
 * </ul>
 * "Before" is decided by position in the history; durations come from the {@link OpClock}.
 */
final class KeyStaleness {
    private KeyStaleness() {}

    /**
     * @throws UnsupportedHistoryException when the key's version order is unknown or it has an
     *     operation other than read and write
     */
    static void measure(History history, Object key, List<Operation> operations, Object initial, OpClock clock,
            StalenessReport report) {
        List<Operation> writes = new ArrayList<>();
        List<Operation> reads = new ArrayList<>();
        for (Operation operation : operations) {
            switch (operation.f()) {
                case "write" -> writes.add(operation);
                case "read" -> {
                    if (operation.isOk()) {
                        reads.add(operation);
                    }
                }
                default -> throw new UnsupportedHistoryException("staleness knows write and read, not "
                        + operation.f() + " (op " + operation.invoke().index() + ")");
            }
        }
        VersionOrder order = VersionOrder.of(history, writes, reads, initial);
        List<Operation> acknowledged = new ArrayList<>(writes.stream().filter(Operation::isOk).toList());
        acknowledged.sort(Comparator.comparingInt(Operation::completion));
        long[] versions = acknowledged.stream().mapToLong(order::versionOf).sorted().distinct().toArray();
        NewestInvoked newestInvoked = new NewestInvoked(writes, order);
        long[] latestReadBySlot = sweepReads(key, reads, acknowledged, newestInvoked, versions, order, clock, report);
        measureWindows(acknowledged, versions, latestReadBySlot, finalVersionMin(reads, order), order, clock, report);
        report.measuredKey(order.source(), acknowledged.size());
    }

    /**
     * Measures every read in invocation order while inserting the writes acknowledged before it.
     *
     * @return for each slot j of {@code versions}, the latest invocation time of a read that
     *     returned a version older than versions[j] but not older than versions[j - 1]
     *     (Long.MIN_VALUE if none); slot {@code versions.length} holds reads of the newest
     */
    private static long[] sweepReads(Object key, List<Operation> reads, List<Operation> acknowledged,
            NewestInvoked newestInvoked, long[] versions, VersionOrder order, OpClock clock, StalenessReport report) {
        NewerAcknowledged newer = new NewerAcknowledged(versions);
        long[] latestReadBySlot = new long[versions.length + 1];
        Arrays.fill(latestReadBySlot, Long.MIN_VALUE);
        int next = 0;
        Operation newestWrite = null;
        long newestVersion = VersionOrder.INITIAL;
        for (Operation read : reads) {
            while (next < acknowledged.size() && acknowledged.get(next).completion() < read.invocation()) {
                Operation write = acknowledged.get(next++);
                long version = order.versionOf(write);
                newer.insert(version, clock.completed(write));
                if (newestWrite == null || version > newestVersion) {
                    newestWrite = write;
                    newestVersion = version;
                }
            }
            switch (order.kindOf(read)) {
                case THIN_AIR -> report.impossibleRead(key, read, null);
                case ABORTED -> report.impossibleRead(key, read, order.writeOf(read));
                case UNVERSIONED -> report.unversionedRead();
                case VERSIONED -> {
                    long version = order.versionRead(read);
                    long invoked = clock.invoked(read);
                    int k = newer.countNewer(version);
                    long deltaTime = k == 0 ? 0 : invoked - newer.earliestAckNewer(version);
                    long sinceNewest = newestWrite == null ? 0 : invoked - clock.completed(newestWrite);
                    report.read(key, read, version, k, deltaTime, newestWrite, newestVersion, sinceNewest);
                    long newestBeforeEnd = newestInvoked.before(read.completion());
                    if (version > newestBeforeEnd) {
                        report.futureRead(key, read, version, newestBeforeEnd);
                    }
                    int slot = SortedLongs.countAtMost(versions, version);
                    latestReadBySlot[slot] = Math.max(latestReadBySlot[slot], invoked);
                }
            }
        }
        return latestReadBySlot;
    }

    private static void measureWindows(List<Operation> acknowledged, long[] versions, long[] latestReadBySlot,
            long finalVersionMin, VersionOrder order, OpClock clock, StalenessReport report) {
        long[] latestOlderRead = new long[versions.length];
        long latest = Long.MIN_VALUE;
        for (int slot = 0; slot < versions.length; slot++) {
            latest = Math.max(latest, latestReadBySlot[slot]);
            latestOlderRead[slot] = latest;
        }
        for (Operation write : acknowledged) {
            long version = order.versionOf(write);
            if (version > finalVersionMin) {
                report.lostWrite();
                continue;
            }
            long latestOlder = latestOlderRead[Arrays.binarySearch(versions, version)];
            report.writeWindow(latestOlder == Long.MIN_VALUE ? 0 : Math.max(0, latestOlder - clock.completed(write)));
        }
    }

    /** The oldest version some final read returned; Long.MAX_VALUE when there is none. */
    private static long finalVersionMin(List<Operation> reads, VersionOrder order) {
        long oldest = Long.MAX_VALUE;
        for (Operation read : reads) {
            if (KeyedOperations.isFinalRead(read) && order.kindOf(read) == VersionOrder.ReadKind.VERSIONED) {
                oldest = Math.min(oldest, order.versionRead(read));
            }
        }
        return oldest;
    }

    /** The newest version among the writes invoked before a position (the upper bound of regularity). */
    private static final class NewestInvoked {
        private final int[] invocations;
        private final long[] newestSoFar;

        /** @param writes the key's writes in invocation order */
        NewestInvoked(List<Operation> writes, VersionOrder order) {
            List<Operation> versioned = writes.stream().filter(write -> order.versionOf(write) != null).toList();
            invocations = new int[versioned.size()];
            newestSoFar = new long[versioned.size()];
            long newest = VersionOrder.INITIAL;
            for (int i = 0; i < versioned.size(); i++) {
                invocations[i] = versioned.get(i).invocation();
                newest = Math.max(newest, order.versionOf(versioned.get(i)));
                newestSoFar[i] = newest;
            }
        }

        long before(int position) {
            int count = Arrays.binarySearch(invocations, position);
            count = count >= 0 ? count : -count - 1;
            return count == 0 ? VersionOrder.INITIAL : newestSoFar[count - 1];
        }
    }
}
