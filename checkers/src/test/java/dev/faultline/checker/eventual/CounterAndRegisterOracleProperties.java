package dev.faultline.checker.eventual;

import static dev.faultline.history.OpType.FAIL;
import static dev.faultline.history.OpType.INFO;
import static dev.faultline.history.OpType.OK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Goal: the counter and last-writer-wins register rules of convergence agree with brute-force
 * oracles (notes §5.3, §9.4). Counter: every subset of the indeterminate deltas is enumerated.
 * Register: every pair (final value's write, acknowledged write) is compared in real time.
 * 300 tries each, well under a second.
 */
class CounterAndRegisterOracleProperties {
    private static final OpType[] OUTCOMES = {OK, OK, OK, INFO, FAIL};

    @Property(tries = 300)
    void counterAgreesWithSubsetEnumeration(@ForAll long seed) {
        Random random = new Random(seed);
        long initial = random.nextInt(10);
        List<Long> definite = new ArrayList<>();
        List<Long> indeterminate = new ArrayList<>();
        Events events = new Events();
        int adds = random.nextInt(12);
        for (int i = 0; i < adds; i++) {
            OpType outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
            long delta = outcome == INFO ? random.nextInt(41) - 20 : random.nextInt(11) - 5;
            events.operation(random.nextInt(3), outcome, "add", null, delta);
            if (outcome == OK) {
                definite.add(delta);
            } else if (outcome == INFO) {
                indeterminate.add(delta);
            }
        }
        Set<Long> possible = subsetSums(initial + definite.stream().mapToLong(Long::longValue).sum(), indeterminate);
        long min = possible.stream().min(Long::compare).orElseThrow();
        long max = possible.stream().max(Long::compare).orElseThrow();
        List<Long> possibleList = new ArrayList<>(possible);
        int nodes = 1 + random.nextInt(3);
        long outOfRange = 0;
        Set<Long> finals = new HashSet<>();
        for (int node = 0; node < nodes; node++) {
            long value = random.nextBoolean() ? possibleList.get(random.nextInt(possibleList.size()))
                    : min - 3 + random.nextInt((int) (max - min) + 7);
            events.finalRead(10 + node, "n" + node, null, value);
            outOfRange += possible.contains(value) ? 0 : 1;
            finals.add(value);
        }

        Verdict verdict = new ConvergenceChecker("counter", initial).check(events.history(), CheckContext.defaults());

        Map<String, Object> expected = new TreeMap<>();
        if (finals.size() > 1) {
            expected.put("divergent", 1L);
        }
        if (outOfRange > 0) {
            expected.put("out-of-range", outOfRange);
        }
        assertThat(verdict.stats().get("anomalyCounts")).isEqualTo(expected);
        assertThat(verdict.valid()).isEqualTo(expected.isEmpty() ? Validity.TRUE : Validity.FALSE);
    }

    private static Set<Long> subsetSums(long base, List<Long> deltas) {
        Set<Long> sums = new HashSet<>();
        for (int subset = 0; subset < 1 << deltas.size(); subset++) {
            long sum = base;
            for (int i = 0; i < deltas.size(); i++) {
                sum += (subset >> i & 1) == 1 ? deltas.get(i) : 0;
            }
            sums.add(sum);
        }
        return sums;
    }

    @Property(tries = 300)
    void registerAgreesWithPairwiseRealTimeComparison(@ForAll long seed) {
        Random random = new Random(seed);
        History history = randomRegisterHistory(random);

        Verdict verdict = new ConvergenceChecker("register", null).check(history, CheckContext.defaults());

        Map<Object, Operation> writes = new HashMap<>();
        Map<String, Operation> finalByNode = new TreeMap<>();
        for (Operation operation : history.operations()) {
            if (operation.f().equals("write")) {
                writes.put(operation.invoke().value(), operation);
            } else {
                finalByNode.put(operation.node(), operation);
            }
        }
        Set<Object> endings = new HashSet<>();
        finalByNode.values().forEach(read -> endings.add(read.value()));
        long lost = 0;
        long unexpected = 0;
        for (Object ending : endings) {
            Operation winner = writes.get(ending);
            if (winner == null && ending != null || winner != null && winner.isFail()) {
                unexpected++;
                continue;
            }
            for (Operation write : writes.values()) {
                boolean newerInRealTime = winner == null || winner.isOk() && write.invocation() > winner.completion();
                if (write.isOk() && newerInRealTime && !Objects.equals(write, winner)) {
                    lost++;
                }
            }
        }
        Map<String, Object> expected = new TreeMap<>();
        if (endings.size() > 1) {
            expected.put("divergent", 1L);
        }
        if (lost > 0) {
            expected.put("lost", lost);
        }
        if (unexpected > 0) {
            expected.put("unexpected", unexpected);
        }
        assertThat(verdict.stats().get("anomalyCounts")).isEqualTo(expected);
        assertThat(verdict.stats()).containsEntry("lostWrites", lost);
    }

    /** Three processes writing unique values concurrently, then final reads of written, initial or stray values. */
    private static History randomRegisterHistory(Random random) {
        Events events = new Events();
        Map<Integer, Long> inFlight = new HashMap<>();
        List<Object> written = new ArrayList<>();
        long nextValue = 1;
        int steps = 4 + random.nextInt(20);
        for (int step = 0; step < steps || !inFlight.isEmpty(); step++) {
            int process = random.nextInt(3);
            if (inFlight.containsKey(process)) {
                long value = inFlight.remove(process);
                OpType outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
                switch (outcome) {
                    case OK -> events.ok(process, "write", null, value);
                    case INFO -> events.info(process, "write", null, value);
                    default -> events.fail(process, "write", null, value);
                }
            } else if (step < steps) {
                events.invoke(process, "write", null, nextValue);
                written.add(nextValue);
                inFlight.put(process, nextValue++);
            }
        }
        written.add(null);
        written.add(999L);
        int nodes = 1 + random.nextInt(3);
        Object agreed = written.get(random.nextInt(written.size()));
        for (int node = 0; node < nodes; node++) {
            events.finalRead(10 + node, "n" + node, null,
                    random.nextBoolean() ? agreed : written.get(random.nextInt(written.size())));
        }
        return events.history();
    }
}
