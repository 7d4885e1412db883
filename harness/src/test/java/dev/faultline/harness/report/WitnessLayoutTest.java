package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Goal: a witness is laid out where the history says its operations were, and a linearization
 * that does not respect real time is reported instead of drawn. Method: random histories with
 * prefixes in random orders, checked against a brute-force statement of real-time order; and
 * one example of each relation shape.
 */
class WitnessLayoutTest {

    /** A linearization witness over the given operations, in the given order. */
    private static Map<String, Object> linearization(List<Operation> prefix, Operation stuck) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Object> steps = new ArrayList<>();
        for (Operation operation : prefix) {
            steps.add(Map.of("op", (long) operation.invoke().index(), "call", operation.f(), "state", "s" + steps.size()));
        }
        data.put("op", (long) stuck.invoke().index());
        data.put("prefix", steps);
        data.put("finalPaths", List.of(List.of(Map.of("op", (long) stuck.invoke().index(), "call", "read", "illegal", "no"))));
        return Map.of("type", "nonlinearizable", "explanation", "", "ops", List.of((long) stuck.invoke().index()), "data", data);
    }

    /** Brute force: every operation of the prefix completes after every one at or before it was invoked. */
    private static boolean respectsRealTime(List<Operation> prefix) {
        for (int k = 0; k < prefix.size(); k++) {
            for (int i = 0; i <= k; i++) {
                Operation later = prefix.get(k);
                if (!later.isInfo() && prefix.get(i).invocation() > later.completion()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Property(tries = 300)
    void aPrefixIsDrawnExactlyWhenItRespectsRealTime(@ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @IntRange(min = 2, max = 14) int operations, @ForAll long seed) {
        Random random = new Random(seed);
        History history = TestHistories.random(random, processes, operations);
        OpTable table = OpTable.of(history);
        List<Operation> all = new ArrayList<>(history.operations());
        Operation stuck = all.remove(all.size() - 1);
        if (random.nextBoolean()) {
            Collections.shuffle(all, random);
        }
        List<Operation> prefix = all.subList(0, random.nextInt(all.size() + 1));

        WitnessLayout.Layout layout = WitnessLayout.of(linearization(prefix, stuck), table);

        assertThat(layout.kind()).isEqualTo("linearization");
        assertThat(layout.problem() == null).as("drawn iff the prefix respects real time").isEqualTo(respectsRealTime(prefix));
        if (layout.problem() == null) {
            Map<Integer, WitnessLayout.Bar> bars = new HashMap<>();
            layout.bars().forEach(bar -> bars.put(bar.op(), bar));
            double previous = -1;
            for (WitnessLayout.Point point : layout.points().stream().filter(p -> p.kind().equals("prefix")).toList()) {
                WitnessLayout.Bar bar = bars.get(point.op());
                assertThat(point.at()).as("after the previous step").isGreaterThan(previous)
                        .as("inside its operation").isGreaterThan(bar.from()).isLessThan(bar.to());
                previous = point.at();
            }
            assertThat(layout.points().stream().filter(p -> p.kind().equals("prefix")).map(WitnessLayout.Point::op).toList())
                    .isEqualTo(prefix.stream().map(operation -> table.idOfIndex(operation.invoke().index())).toList());
        }
    }

    @Property(tries = 200)
    void barsFollowTheOrderOfEventsAndInfoStaysOpen(@ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @IntRange(min = 1, max = 12) int operations, @ForAll long seed) {
        History history = TestHistories.random(new Random(seed), processes, operations);
        OpTable table = OpTable.of(history);
        List<Object> indices = new ArrayList<>();
        history.operations().forEach(operation -> indices.add((long) operation.invoke().index()));

        WitnessLayout.Layout layout = WitnessLayout.of(Map.of("type", "x", "explanation", "", "ops", indices), table);

        assertThat(layout.bars()).hasSize(history.operations().size());
        for (WitnessLayout.Bar a : layout.bars()) {
            Operation first = table.operation(a.op());
            assertThat(a.open()).isEqualTo(first.isInfo());
            assertThat(layout.lanes().get(a.lane())).isEqualTo("p" + first.process());
            for (WitnessLayout.Bar b : layout.bars()) {
                Operation second = table.operation(b.op());
                assertThat(a.from() < b.from()).isEqualTo(first.invocation() < second.invocation());
                if (!a.open() && first.completion() < second.invocation()) {
                    assertThat(a.to()).isLessThan(b.from());
                }
            }
        }
    }

    private static History history(Op... ops) {
        List<Op> indexed = new ArrayList<>();
        for (int i = 0; i < ops.length; i++) {
            indexed.add(ops[i].withIndex(i).withTime(1_000L * (i + 1)));
        }
        return History.of(indexed);
    }

    private static Op invoke(int process, String f, Object key, Object value) {
        return Op.invoke(process, f, key, value);
    }

    private static Op ok(int process, String f, Object key, Object value) {
        return Op.completion(OpType.OK, process, f, key, value);
    }

    @Test
    void aRelationChainNamesOperationsByEitherEvent() {
        History history = history(invoke(0, "write", "x", 1L), ok(0, "write", "x", 1L), invoke(0, "write", "y", 1L),
                ok(0, "write", "y", 1L), invoke(1, "read", "y", null), ok(1, "read", "y", 1L), invoke(1, "read", "x", null),
                ok(1, "read", "x", null));
        Map<String, Object> data = Map.of("steps", List.of(Map.of("from", 1L, "to", 3L, "rel", "po"),
                Map.of("from", 3L, "to", 5L, "rel", "rf"), Map.of("from", 5L, "to", 7L, "rel", "po", "by", 1L)));

        WitnessLayout.Layout layout = WitnessLayout.of(
                Map.of("type", "WriteCORead", "explanation", "", "ops", List.of(1L, 3L, 5L, 7L), "data", data), OpTable.of(history));

        assertThat(layout.kind()).isEqualTo("relations");
        assertThat(layout.problem()).isNull();
        assertThat(layout.lanes()).containsExactly("p0", "p1");
        assertThat(layout.edges()).extracting(WitnessLayout.Edge::from, WitnessLayout.Edge::to, WitnessLayout.Edge::rel,
                WitnessLayout.Edge::by).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 1, "po", -1), org.assertj.core.groups.Tuple.tuple(1, 2, "rf", -1),
                        org.assertj.core.groups.Tuple.tuple(2, 3, "po", 0));
        assertThat(layout.columns()).isEqualTo(8);
    }

    @Test
    void aStaleReadPointsFromTheNewerWriteToTheRead() {
        History history = history(invoke(0, "write", "k", 1L), ok(0, "write", "k", 1L), invoke(0, "write", "k", 2L),
                ok(0, "write", "k", 2L), invoke(1, "read", "k", null), ok(1, "read", "k", 1L));
        Map<String, Object> data = Map.of("key", "k", "read", 5L, "newestWrite", 2L, "k", 1L);

        WitnessLayout.Layout layout = WitnessLayout.of(
                Map.of("type", "stale-read", "explanation", "", "ops", List.of(2L, 3L, 4L, 5L), "data", data), OpTable.of(history));

        assertThat(layout.edges()).singleElement().satisfies(edge -> {
            assertThat(edge.from()).isEqualTo(1);
            assertThat(edge.to()).isEqualTo(2);
            assertThat(edge.rel()).isEqualTo("newer");
        });
        assertThat(layout.bars()).extracting(WitnessLayout.Bar::role).containsExactly("involved", "involved");
    }

    @Test
    void contextIsOnlyTheSameKeyAtTheSameTime() {
        History history = history(invoke(0, "write", "a", 1L), invoke(1, "write", "b", 1L), invoke(2, "read", "a", null),
                ok(0, "write", "a", 1L), ok(1, "write", "b", 1L), ok(2, "read", "a", 1L), invoke(0, "read", "a", null),
                ok(0, "read", "a", 1L));

        WitnessLayout.Layout layout = WitnessLayout.of(Map.of("type", "x", "explanation", "", "ops", List.of(0L)), OpTable.of(history));

        assertThat(layout.bars()).extracting(WitnessLayout.Bar::op, WitnessLayout.Bar::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "involved"), org.assertj.core.groups.Tuple.tuple(2, "context"));
    }

    @Test
    void anOperationTheHistoryDoesNotHaveIsAProblemNotADrawing() {
        History history = history(invoke(0, "write", "a", 1L), ok(0, "write", "a", 1L));

        WitnessLayout.Layout layout = WitnessLayout.of(Map.of("type", "x", "explanation", "", "ops", List.of(0L, 99L)),
                OpTable.of(history));

        assertThat(layout.problem()).contains("op 99");
        assertThat(layout.bars()).hasSize(1);
    }
}
