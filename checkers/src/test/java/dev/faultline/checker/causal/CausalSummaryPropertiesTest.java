package dev.faultline.checker.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.SmallHistories;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.Cycles;
import dev.faultline.checker.graph.Digraph;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.RegisterHistory;
import dev.faultline.checker.graph.Relation;
import dev.faultline.checker.graph.Step;
import dev.faultline.checker.graph.VectorClocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The summary of CO over a few nodes ({@link CausalSummary}, {@link HappensBeforeClocks}) against
 * its dumb twin, the whole causal graph with the same extra edges: the same answer to "is there a
 * cycle", and the same clock for every kept node and session. Histories of up to 40 operations in
 * up to 6 sessions, far larger than the brute-force oracles reach, with random extra edges, so
 * that summaries hold several nodes of each session and cycles through several extra edges.
 */
class CausalSummaryPropertiesTest {

    @StatisticsReport(StatisticsReportMode.OFF)
    @Property(tries = 500)
    void summaryAgreesWithTheWholeGraph(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int processes,
            @ForAll @IntRange(min = 10, max = 40) int operations, @ForAll @IntRange(min = 1, max = 3) int keys,
            @ForAll @IntRange(min = 0, max = 6) int extraEdges) throws Exception {
        RegisterHistory history = RegisterHistory.of(
                SmallHistories.concurrent(seed, SmallHistories.Shape.REGISTER, processes, operations, keys), null);
        ObservedOps ops = history.ops();
        CausalPast past = CausalPast.of(ops, history.causalOrder().build(), new AnomalyLog(), CheckContext.defaults());
        Assume.that(past != null && ops.size() >= 2);
        Random random = new Random(seed);
        List<Step> extra = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int edge = 0; edge < extraEdges; edge++) {
            int from = random.nextInt(ops.size());
            int to = random.nextInt(ops.size());
            if (from != to) {
                extra.add(new Step(from, to, Relation.HAPPENS_BEFORE, to));
                kept.add(from);
                kept.add(to);
            }
        }
        for (int node = 0; node < ops.size(); node++) {
            if (random.nextInt(3) == 0) {
                kept.add(node);
            }
        }
        int[] asked = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] every = new int[ops.sessions().count()];
        for (int session = 0; session < every.length; session++) {
            every[session] = session;
        }

        Digraph.Builder whole = past.graph.toBuilder();
        extra.forEach(step -> whole.add(step.from(), step.to(), step.relation(), step.cause()));
        Digraph graph = whole.build();
        int[] order = Cycles.topologicalOrder(graph);
        CausalSummary summary = CausalSummary.of(asked, extra, past.clocks, ops.sessions());
        HappensBeforeClocks clocks = HappensBeforeClocks.of(summary, past.clocks, ops.sessions(), every);

        Statistics.label("graph").collect(order == null ? "cyclic" : "acyclic");
        Statistics.label("graph").coverage(checker -> {
            checker.check("cyclic").percentage(p -> p > 10);
            checker.check("acyclic").percentage(p -> p > 10);
        });
        assertThat(summary.cyclic()).as("cyclic").isEqualTo(order == null);
        assertThat(clocks == null).isEqualTo(order == null);
        if (order != null) {
            VectorClocks expected = VectorClocks.compute(graph, order, ops.sessions(), null);
            for (int node : asked) {
                for (int session : every) {
                    assertThat(clocks.get(node, session)).as("node %d, session %d", node, session)
                            .isEqualTo(expected.get(node, session));
                }
            }
        }
    }
}
