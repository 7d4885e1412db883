package dev.faultline.checker.eventual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Goal: every staleness measurement and the regularity check agree with a brute-force oracle that
 * applies the definitions of notes §9.5 to each read and each write by scanning the whole history
 * (O(n²)). Method: random single-key histories, either one writer (version order = write order)
 * or two concurrent writers whose acknowledgements carry {@code meta.version}, with readers that
 * return old, current, future, failed and never-written values. 300 tries each, about a second.
 */
class StalenessOracleProperties {

    @Property(tries = 300)
    void oneWriterAgreesWithTheOracle(@ForAll long seed) {
        checkAgainstOracle(randomHistory(new Random(seed), false), false);
    }

    @Property(tries = 300)
    void versionedWritersAgreeWithTheOracle(@ForAll long seed) {
        checkAgainstOracle(randomHistory(new Random(seed), true), true);
    }

    private static void checkAgainstOracle(History history, boolean versioned) {
        Verdict verdict = new StalenessChecker(null).check(history, CheckContext.defaults());
        Oracle oracle = new Oracle(history, versioned);

        assertThat(verdict.stats().get("anomalyCounts")).isEqualTo(oracle.anomalyCounts);
        assertThat(Stats.at(verdict.stats(), "k", "histogram")).isEqualTo(oracle.kHistogram());
        assertThat(verdict.stats().get("delta")).isEqualTo(oracle.deltas.summary());
        assertThat(verdict.stats().get("window")).isEqualTo(oracle.windows.summary());
        assertThat(verdict.stats()).containsEntry("windowLost", oracle.windowLost);
        assertThat(verdict.stats().get("tVisibility")).isEqualTo(oracle.tVisibility.curve());
        assertThat(Stats.at(verdict.stats(), "reads", "unversioned")).isEqualTo(oracle.unversioned);
    }

    /** Each read and write measured straight from the definitions. */
    private static final class Oracle {
        final Map<String, Object> anomalyCounts = new TreeMap<>();
        final Map<Long, Long> readsByK = new TreeMap<>();
        final Distribution deltas = new Distribution();
        final Distribution windows = new Distribution();
        final TVisibility tVisibility = new TVisibility();
        long windowLost;
        long unversioned;

        Oracle(History history, boolean versioned) {
            List<Operation> writes = new ArrayList<>();
            List<Operation> reads = new ArrayList<>();
            for (Operation operation : history.operations()) {
                (operation.f().equals("write") ? writes : reads).add(operation);
            }
            reads.removeIf(read -> !read.isOk());
            Map<Object, Long> versions = versions(writes, versioned);
            Map<Object, Operation> writeOf = new HashMap<>();
            writes.forEach(write -> writeOf.put(write.invoke().value(), write));
            List<long[]> measured = new ArrayList<>();
            for (Operation read : reads) {
                Operation write = writeOf.get(read.value());
                if (read.value() != null && write == null) {
                    count("thin-air-read");
                } else if (write != null && write.isFail()) {
                    count("aborted-read");
                } else if (write != null && !versions.containsKey(read.value())) {
                    unversioned++;
                } else {
                    long version = read.value() == null ? Long.MIN_VALUE : versions.get(read.value());
                    measure(read, version, writes, versions);
                    measured.add(new long[] {version, read.invokeTimeNanos(), read.complete().finalRead() ? 1 : 0});
                }
            }
            for (Operation write : writes) {
                if (write.isOk()) {
                    window(write, versions.get(write.invoke().value()), measured);
                }
            }
        }

        private static Map<Object, Long> versions(List<Operation> writes, boolean versioned) {
            Map<Object, Long> versions = new HashMap<>();
            long rank = 0;
            for (Operation write : writes) {
                Object meta = write.complete() == null ? null : write.complete().meta().get("version");
                if (versioned && meta != null) {
                    versions.put(write.invoke().value(), (Long) meta);
                } else if (!versioned && !write.isFail()) {
                    versions.put(write.invoke().value(), ++rank);
                }
            }
            return versions;
        }

        private void measure(Operation read, long version, List<Operation> writes, Map<Object, Long> versions) {
            long k = 0;
            long firstNewerAck = Long.MAX_VALUE;
            Operation newest = null;
            long newestInvoked = Long.MIN_VALUE;
            for (Operation write : writes) {
                Long writeVersion = versions.get(write.invoke().value());
                if (writeVersion == null || write.isFail()) {
                    continue;
                }
                if (write.invocation() < read.completion()) {
                    newestInvoked = Math.max(newestInvoked, writeVersion);
                }
                if (write.isOk() && write.completion() < read.invocation()) {
                    if (writeVersion > version) {
                        k++;
                        firstNewerAck = Math.min(firstNewerAck, write.completeTimeNanos());
                    }
                    if (newest == null || writeVersion > versions.get(newest.invoke().value())) {
                        newest = write;
                    }
                }
            }
            readsByK.merge(k, 1L, Long::sum);
            if (k > 0) {
                deltas.add(read.invokeTimeNanos() - firstNewerAck);
                count("stale-read");
            }
            if (newest != null) {
                tVisibility.add(read.invokeTimeNanos() - newest.completeTimeNanos(), k == 0);
            }
            if (version > newestInvoked) {
                count("future-read");
            }
        }

        private void window(Operation write, long version, List<long[]> measured) {
            long latestOlder = Long.MIN_VALUE;
            for (long[] read : measured) {
                if (read[0] < version) {
                    if (read[2] == 1) {
                        windowLost++;
                        return;
                    }
                    latestOlder = Math.max(latestOlder, read[1]);
                }
            }
            windows.add(latestOlder == Long.MIN_VALUE ? 0 : Math.max(0, latestOlder - write.completeTimeNanos()));
        }

        List<Object> kHistogram() {
            List<Object> histogram = new ArrayList<>();
            readsByK.forEach((k, reads) -> histogram.add(List.of(k, reads)));
            return histogram;
        }

        private void count(String type) {
            anomalyCounts.merge(type, 1L, (a, b) -> (Long) a + (Long) b);
        }
    }

    /**
     * One key. Without versions: one writer whose writes never overlap. With versions: two
     * writers, concurrent, each acknowledgement carrying a distinct random meta.version. Two
     * readers return the initial value, any value written or about to be, or a stray one.
     */
    private static History randomHistory(Random random, boolean versioned) {
        Events events = new Events();
        int writers = versioned ? 2 : 1;
        List<Long> shuffledVersions = new ArrayList<>();
        for (long version = 1; version <= 60; version++) {
            shuffledVersions.add(version * 10);
        }
        Collections.shuffle(shuffledVersions, random);
        if (versioned) {
            // Some write must carry a version, or the checker falls back to write order.
            events.operation(0, dev.faultline.history.OpType.OK, "write", null, 0L).meta("version", 5);
        }
        Map<Integer, Long> writing = new HashMap<>();
        Map<Integer, Boolean> reading = new HashMap<>();
        long nextValue = 1;
        int steps = 6 + random.nextInt(40);
        for (int step = 0; step < steps || !writing.isEmpty() || !reading.isEmpty(); step++) {
            events.advance(random.nextInt(5000));
            int process = random.nextInt(writers + 2);
            boolean isWriter = process < writers;
            if (isWriter && writing.containsKey(process)) {
                long value = writing.remove(process);
                int outcome = random.nextInt(10);
                if (outcome < 7) {
                    events.ok(process, "write", null, value);
                    if (versioned) {
                        events.meta("version", shuffledVersions.get((int) value));
                    }
                } else if (outcome < 9) {
                    events.info(process, "write", null, value);
                } else {
                    events.fail(process, "write", null, value);
                }
            } else if (!isWriter && reading.containsKey(process)) {
                reading.remove(process);
                int choice = random.nextInt(20);
                Object value = choice == 0 ? null : choice == 1 ? (Object) 999L : (long) (1 + random.nextInt((int) nextValue + 1));
                events.ok(process, "read", null, value).node("n" + random.nextInt(3));
                if (random.nextInt(10) == 0) {
                    events.finalRead();
                }
            } else if (step < steps && isWriter) {
                events.invoke(process, "write", null, nextValue);
                writing.put(process, nextValue++);
            } else if (step < steps) {
                events.invoke(process, "read", null, null);
                reading.put(process, true);
            }
        }
        return events.history();
    }
}
