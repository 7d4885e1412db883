package dev.faultline.checker.eventual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Goal: the set model's rules agree with a brute-force oracle written from their definitions
 * (notes §5.1, §5.2, §9.4). Method: random concurrent add/read histories from three processes,
 * with indeterminate and failed adds, stray and repeated elements, and final reads on up to three
 * nodes; the oracle recomputes every element's fate by scanning every read (Jepsen's quadratic
 * way) and every node's final set. 300 tries, well under a second.
 */
class SetOracleProperties {

    @Property(tries = 300)
    void setConvergenceAgreesWithTheOracle(@ForAll long seed) {
        History history = randomSetHistory(new Random(seed));

        Verdict verdict = new ConvergenceChecker("set", null).check(history, CheckContext.defaults());
        Oracle oracle = new Oracle(history);

        assertThat(verdict.stats().get("anomalyCounts")).isEqualTo(oracle.anomalyCounts);
        assertThat(verdict.stats()).containsEntry("lost", oracle.lost).containsEntry("recovered", oracle.recovered);
        Map<String, Object> timeline = Stats.map(verdict.stats().get("timeline"));
        assertThat(timeline).containsEntry("stable", oracle.stable).containsEntry("lost", oracle.timelineLost)
                .containsEntry("neverRead", oracle.neverRead).containsEntry("stale", oracle.stale)
                .containsEntry("stableLatency", oracle.latencies.summary());
        assertThat(verdict.valid()).isEqualTo(oracle.anomalyCounts.isEmpty() ? Validity.TRUE : Validity.FALSE);
    }

    /** Everything recomputed the slow way, straight from the definitions. */
    private static final class Oracle {
        final Map<String, Object> anomalyCounts = new TreeMap<>();
        long lost;
        long recovered;
        long stable;
        long timelineLost;
        long neverRead;
        long stale;
        final Distribution latencies = new Distribution();

        Oracle(History history) {
            Map<Object, Operation> adds = new HashMap<>();
            List<Operation> reads = new ArrayList<>();
            Map<String, Operation> finalByNode = new TreeMap<>();
            for (Operation operation : history.operations()) {
                if (operation.f().equals("add")) {
                    adds.put(operation.invoke().value(), operation);
                } else if (operation.isOk()) {
                    reads.add(operation);
                    if (operation.invoke().finalRead()) {
                        finalByNode.merge(operation.node(), operation,
                                (a, b) -> a.completion() > b.completion() ? a : b);
                    }
                }
            }
            List<Set<Object>> finals = finalByNode.values().stream().map(r -> (Set<Object>) new HashSet<Object>((List<?>) r.value())).toList();
            if (new HashSet<>(finals).size() > 1) {
                count("divergent", 1);
            }
            Set<Object> unexpected = new HashSet<>();
            long duplicated = 0;
            for (Operation read : reads) {
                Map<Object, Integer> occurrences = new HashMap<>();
                for (Object element : (List<?>) read.value()) {
                    occurrences.merge(element, 1, Integer::sum);
                    Operation add = adds.get(element);
                    if (add == null || add.isFail()) {
                        unexpected.add(element);
                    }
                }
                for (Map.Entry<Object, Integer> entry : occurrences.entrySet()) {
                    Operation add = adds.get(entry.getKey());
                    if (add != null && !add.isFail()) {
                        duplicated += entry.getValue() - 1;
                    }
                }
            }
            count("unexpected", unexpected.size());
            count("duplicated", duplicated);
            for (Operation add : adds.values()) {
                Object element = add.invoke().value();
                if (add.isOk() && finals.stream().anyMatch(state -> !state.contains(element))) {
                    lost++;
                }
                if (add.isInfo() && finals.stream().anyMatch(state -> state.contains(element))) {
                    recovered++;
                }
                if (!add.isFail()) {
                    timeline(history, add, reads);
                }
            }
            count("lost", lost);
        }

        private void timeline(History history, Operation add, List<Operation> reads) {
            Object element = add.invoke().value();
            long knownPosition = add.isOk() ? add.completion() : Long.MAX_VALUE;
            long knownTime = add.isOk() ? add.completeTimeNanos() : 0;
            int lastPresent = -1;
            int lastAbsent = -1;
            for (Operation read : reads) {
                if (((List<?>) read.value()).contains(element)) {
                    lastPresent = Math.max(lastPresent, read.invocation());
                    if (read.completion() < knownPosition) {
                        knownPosition = read.completion();
                        knownTime = read.completeTimeNanos();
                    }
                } else if (read.invocation() > add.invocation()) {
                    lastAbsent = Math.max(lastAbsent, read.invocation());
                }
            }
            if (lastPresent >= 0 && lastPresent > lastAbsent) {
                stable++;
                long stableTime = lastAbsent < 0 ? 0 : history.get(lastAbsent).timeNanos() + 1;
                long latency = Math.max(0, stableTime - knownTime);
                latencies.add(latency);
                stale += latency > 0 ? 1 : 0;
            } else if (knownPosition != Long.MAX_VALUE && lastAbsent > knownPosition) {
                timelineLost++;
            } else {
                neverRead++;
            }
        }

        private void count(String type, long count) {
            if (count > 0) {
                anomalyCounts.put(type, count);
            }
        }
    }

    /** Three processes adding unique elements and reading, interleaved at random, then final reads. */
    static History randomSetHistory(Random random) {
        Events events = new Events();
        List<Long> invoked = new ArrayList<>();
        Map<Integer, Long> addInFlight = new LinkedHashMap<>();
        Set<Integer> readInFlight = new HashSet<>();
        long nextElement = 1;
        int steps = 10 + random.nextInt(40);
        for (int step = 0; step < steps || !addInFlight.isEmpty() || !readInFlight.isEmpty(); step++) {
            int process = random.nextInt(3);
            events.advance(random.nextInt(3000));
            if (addInFlight.containsKey(process)) {
                long element = addInFlight.remove(process);
                int outcome = random.nextInt(20);
                if (outcome < 12) {
                    events.ok(process, "add", null, element);
                } else if (outcome < 17) {
                    events.info(process, "add", null, element);
                } else {
                    events.fail(process, "add", null, element);
                }
            } else if (readInFlight.remove(process)) {
                if (random.nextInt(8) == 0) {
                    events.fail(process, "read", null, null);
                } else {
                    events.ok(process, "read", null, someOf(invoked, random, 0.7));
                }
            } else if (step < steps && random.nextBoolean()) {
                events.invoke(process, "add", null, nextElement);
                invoked.add(nextElement);
                addInFlight.put(process, nextElement++);
            } else if (step < steps) {
                events.invoke(process, "read", null, null);
                readInFlight.add(process);
            }
        }
        int nodes = 1 + random.nextInt(3);
        List<Object> agreed = someOf(invoked, random, 0.9);
        for (int node = 0; node < nodes; node++) {
            events.finalRead(10 + node, "n" + node, null, random.nextBoolean() ? agreed : someOf(invoked, random, 0.9));
        }
        return events.history();
    }

    /** Each element with the given probability, sometimes a stray element or one element twice. */
    private static List<Object> someOf(List<Long> elements, Random random, double probability) {
        List<Object> chosen = new ArrayList<>();
        for (long element : elements) {
            if (random.nextDouble() < probability) {
                chosen.add(element);
            }
        }
        if (random.nextInt(25) == 0) {
            chosen.add(1000L + random.nextInt(3));
        }
        if (!chosen.isEmpty() && random.nextInt(25) == 0) {
            chosen.add(chosen.get(0));
        }
        return chosen;
    }
}
