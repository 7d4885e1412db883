package dev.faultline.harness.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Each combinator run through {@link Simulation}: the history it produces is checked against what
 * the combinator promises (Jepsen's generator tests do the same with {@code simulate}).
 */
class GeneratorsTest {
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Writes 0, 1, 2, ... */
    record Counter(long next) implements OpSource {
        @Override
        public Drawn draw(SplitRandom random) {
            return new Drawn(OpTemplate.of("write", null, next), new Counter(next + 1));
        }
    }

    /** Reads. */
    record Reads() implements OpSource {
        @Override
        public Drawn draw(SplitRandom random) {
            return new Drawn(OpTemplate.of("read", null, null), this);
        }
    }

    private static List<Op> simulate(Generator generator, int threads) {
        return Simulation.run(generator, threads, Simulation.Response.okAfter(MILLI), 3600 * SECOND);
    }

    private static List<Op> invocations(List<Op> history) {
        return history.stream().filter(op -> op.type() == OpType.INVOKE).toList();
    }

    @Property(tries = 200)
    void aRunIsAFunctionOfItsSeedAndAValidHistory(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int threads) {
        Generator generator = Generators.timeLimit(SECOND,
                Generators.rate(500, Generators.mix(List.of(Generators.stream(new Counter(0), seed),
                        Generators.stream(new Reads(), seed + 1)), seed + 2), seed + 3));
        Simulation.Responder responder = (op, process) -> new Simulation.Response(
                op.value() != null && ((Long) op.value()) % 7 == 0 ? OpType.INFO : OpType.OK, op.value(),
                (op.thread() + 1) * 3 * MILLI);
        List<Op> first = Simulation.run(generator, threads, responder, 10 * SECOND);
        assertThat(Simulation.run(generator, threads, responder, 10 * SECOND)).isEqualTo(first);
        History history = History.of(first);
        assertThat(history.warnings()).isEmpty();
        for (Op op : first) {
            assertThat(op.process() % threads).isBetween(0, threads - 1);
        }
    }

    @Test
    void afterAnInfoTheThreadContinuesAsANewProcess() {
        Simulation.Responder crashFirst = (op, process) ->
                new Simulation.Response(process < 3 ? OpType.INFO : OpType.OK, op.value(), MILLI);
        List<Op> history = Simulation.run(Generators.limit(9, Generators.stream(new Counter(0), 1)), 3, crashFirst, SECOND);
        assertThat(invocations(history)).extracting(Op::process).containsOnly(0, 1, 2, 3, 4, 5);
        assertThat(invocations(history).stream().filter(op -> op.process() >= 3)).hasSize(9 - 3);
    }

    @Test
    void streamHandsOpsToRandomFreeThreads() {
        List<Op> history = simulate(Generators.limit(600, Generators.stream(new Counter(0), 5)), 6);
        Map<Integer, Long> perThread = invocations(history).stream()
                .collect(Collectors.groupingBy(Op::process, Collectors.counting()));
        assertThat(perThread).hasSize(6);
        assertThat(perThread.values()).allMatch(count -> count > 50);
        assertThat(invocations(history)).extracting(Op::value).doesNotHaveDuplicates();
    }

    @Test
    void limitStopsAfterNOps() {
        assertThat(invocations(simulate(Generators.limit(17, Generators.stream(new Counter(0), 1)), 4))).hasSize(17);
        assertThat(simulate(Generators.limit(0, Generators.stream(new Counter(0), 1)), 4)).isEmpty();
    }

    @Test
    void timeLimitEmitsNothingAtOrAfterTheDeadline() {
        List<Op> history = simulate(Generators.timeLimit(100 * MILLI,
                Generators.stagger(MILLI, Generators.stream(new Counter(0), 1), 2)), 2);
        assertThat(invocations(history)).isNotEmpty().allMatch(op -> op.timeNanos() < 100 * MILLI);
        assertThat(invocations(history).get(invocations(history).size() - 1).timeNanos()).isGreaterThan(90 * MILLI);
    }

    @Test
    void rateSpacesOpsByTheMeanGapOverAllThreads() {
        List<Op> invocations = invocations(simulate(Generators.limit(5000,
                Generators.rate(200, Generators.stream(new Counter(0), 1), 2)), 8));
        long previous = 0;
        long gapMax = 0;
        for (Op op : invocations) {
            gapMax = Math.max(gapMax, op.timeNanos() - previous);
            previous = op.timeNanos();
        }
        double meanGapMillis = (double) invocations.get(invocations.size() - 1).timeNanos() / (invocations.size() - 1) / MILLI;
        assertThat(meanGapMillis).isBetween(4.75, 5.25);
        assertThat(gapMax).isLessThanOrEqualTo(10 * MILLI);
        assertThat(invocations.get(0).timeNanos()).isZero();
    }

    @Test
    void mixDrawsByWeightAndDropsExhaustedBranches() {
        Generator mix = Generators.mix(List.of(Generators.stream(new Counter(0), 1), Generators.stream(new Reads(), 2)),
                List.of(3, 1), 3);
        Map<String, Long> byF = invocations(simulate(Generators.limit(8000, mix), 4)).stream()
                .collect(Collectors.groupingBy(Op::f, Collectors.counting()));
        assertThat(byF.get("write")).isBetween(5800L, 6200L);

        Generator shortWrites = Generators.mix(List.of(Generators.limit(5, Generators.stream(new Counter(0), 1)),
                Generators.stream(new Reads(), 2)), 3);
        Map<String, Long> after = invocations(simulate(Generators.limit(100, shortWrites), 2)).stream()
                .collect(Collectors.groupingBy(Op::f, Collectors.counting()));
        assertThat(after).containsEntry("write", 5L).containsEntry("read", 95L);
    }

    @Test
    void phasesWaitForEveryThreadBetweenPhases() {
        Simulation.Responder slowWrites = (op, process) ->
                new Simulation.Response(OpType.OK, op.value(), op.f().equals("write") ? (op.thread() + 1) * 10 * MILLI : MILLI);
        List<Op> history = Simulation.run(Generators.phases(
                Generators.limit(10, Generators.stream(new Counter(0), 1)),
                Generators.limit(10, Generators.stream(new Reads(), 2))), 4, slowWrites, SECOND);
        long lastWriteCompletion = history.stream().filter(op -> op.f().equals("write") && op.type() == OpType.OK)
                .mapToLong(Op::timeNanos).max().orElseThrow();
        assertThat(history.stream().filter(op -> op.f().equals("read"))).hasSize(20)
                .allMatch(op -> op.timeNanos() >= lastWriteCompletion);
    }

    @Test
    void eachThreadGivesEveryThreadItsOwnCopy() {
        List<Op> history = simulate(Generators.eachThread(thread ->
                Generators.limit(3, Generators.stream(new Counter(thread * 100L), thread))), 5);
        Map<Integer, List<Object>> perProcess = new HashMap<>();
        for (Op op : invocations(history)) {
            perProcess.computeIfAbsent(op.process(), p -> new java.util.ArrayList<>()).add(op.value());
        }
        assertThat(perProcess).hasSize(5);
        perProcess.forEach((process, values) ->
                assertThat(values).containsExactly(process * 100L, process * 100L + 1, process * 100L + 2));
    }

    @Test
    void eachProcessStartsAfreshForANewProcess() {
        Simulation.Responder crashOnce = (op, process) -> new Simulation.Response(process < 2 ? OpType.INFO : OpType.OK, op.value(), MILLI);
        List<Op> history = Simulation.run(Generators.eachProcess(process ->
                process < 4 ? Generators.once(OpTemplate.of("write", null, (long) process)) : Generators.empty()), 2, crashOnce, SECOND);
        assertThat(invocations(history)).extracting(Op::process).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(invocations(history)).allMatch(op -> op.value().equals((long) op.process()));
    }

    @Test
    void onThreadsConfinesAGenerator() {
        BitSet threads = new BitSet();
        threads.set(1);
        threads.set(3);
        List<Op> history = simulate(Generators.limit(50, Generators.onThreads(threads, Generators.stream(new Counter(0), 1))), 5);
        assertThat(invocations(history)).hasSize(50).allMatch(op -> op.process() == 1 || op.process() == 3);
    }

    @Test
    void anyTakesTheSoonestOp() {
        Generator late = Generators.stagger(50 * MILLI, Generators.stream(new Reads(), 1), 2);
        Generator soon = Generators.limit(3, Generators.stream(new Counter(0), 3));
        List<Op> history = simulate(Generators.timeLimit(10 * MILLI, Generators.any(List.of(late, soon))), 1);
        assertThat(invocations(history)).extracting(Op::f).containsExactly("read", "write", "write", "write");
    }

    @Test
    void untilOkRetriesAfterTheDelayAndStopsAtTheFirstOk() {
        int[] calls = {0};
        Simulation.Responder failTwice = (op, process) ->
                new Simulation.Response(++calls[0] <= 2 ? OpType.FAIL : OpType.OK, 7L, MILLI);
        List<Op> history = Simulation.run(Generators.untilOk(OpTemplate.finalRead("k"), 10, 20 * MILLI), 2, failTwice, SECOND);
        List<Op> reads = invocations(history);
        assertThat(reads).hasSize(3).allMatch(Op::finalRead).allMatch(op -> "k".equals(op.key()));
        assertThat(reads.get(1).timeNanos() - reads.get(0).timeNanos()).isEqualTo(21 * MILLI);

        calls[0] = -100;
        assertThat(invocations(Simulation.run(Generators.untilOk(OpTemplate.finalRead(null), 4, 0), 1, failTwice, SECOND)))
                .as("bounded attempts").hasSize(4);
    }

    @Test
    void aGeneratorThatWaitsForNothingIsADeadlock() {
        Generator stuck = context -> Step.pendingUntilEvent(Generators.empty());
        assertThatThrownBy(() -> simulate(stuck, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no operation is in flight");
    }

    @Test
    void anOpForABusyThreadIsRefused() {
        Generator alwaysThreadZero = new Generator() {
            @Override
            public Step next(Context context) {
                return new Step.Emit(new PlannedOp(0, context.timeNanos(), "read", null, null, false), this);
            }
        };
        assertThatThrownBy(() -> simulate(alwaysThreadZero, 2)).hasMessageContaining("thread 0, which is busy");
    }
}
