package dev.faultline.checker.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.SmallHistories;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.UnexplainedReads;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/** The session checker against the brute-force vis/ar definitions of {@link SessionOracle}. */
class SessionPropertiesTest {

    @Property(tries = 1500)
    @StatisticsReport(StatisticsReportMode.OFF)
    void blackBoxAgreesWithTheDefinitions(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int processes,
            @ForAll @IntRange(min = 3, max = 8) int operations, @ForAll @IntRange(min = 1, max = 2) int keys,
            @ForAll @Size(min = 1) Set<Guarantee> guarantees) {
        History history = SmallHistories.generate(seed, SmallHistories.Shape.REGISTER, processes, operations, keys);
        Verdict verdict = new SessionChecker(guarantees, null).check(history, CheckContext.defaults());
        boolean expected = new SessionOracle(history, guarantees).satisfied();

        assertThat(verdict.valid())
                .as("%s on %s: %s", guarantees, history.ops().stream().map(Op::describe).toList(), verdict.anomalies())
                .isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
        Statistics.collect(expected ? "valid" : "invalid");
        Statistics.coverage(checker -> {
            checker.check("valid").percentage(p -> p > 10);
            checker.check("invalid").percentage(p -> p > 10);
        });
    }

    /**
     * Versions that follow one write order (each write's own value, increasing) can only make
     * the white-box checker stricter than the black-box one: what the versions allow, some write
     * order allows. Except where black-box knows more: an indeterminate write has no version, yet
     * black-box, seeing a read return its unique value, knows it happened (a read of one's own
     * later, timed-out write breaks WFR); such histories are left out.
     */
    @Property(tries = 500)
    @StatisticsReport(StatisticsReportMode.OFF)
    void whiteBoxValidImpliesBlackBoxValid(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int processes,
            @ForAll @IntRange(min = 3, max = 10) int operations) {
        History history = SmallHistories.generate(seed, SmallHistories.Shape.REGISTER, processes, operations, 1);
        Set<Guarantee> all = EnumSet.allOf(Guarantee.class);
        Verdict blackBox = new SessionChecker(all, null).check(history, CheckContext.defaults());
        Verdict whiteBox = new SessionChecker(all, null).check(withVersions(history), CheckContext.defaults());

        // A history whose only successes are reads of nil carries no version: black-box.
        Statistics.collect(whiteBox.stats().get("mode"));
        Statistics.coverage(checker -> checker.check("white-box").percentage(p -> p > 80));
        boolean unexplained = blackBox.anomalies().stream().map(Anomaly::type)
                .anyMatch(type -> type.equals(UnexplainedReads.THIN_AIR_READ) || type.equals(UnexplainedReads.ABORTED_READ));
        if (whiteBox.valid() == Validity.TRUE && !unexplained && !readsAnIndeterminateWrite(history)) {
            assertThat(blackBox.valid()).as(history.ops().stream().map(Op::describe).toList().toString())
                    .isEqualTo(Validity.TRUE);
        }
    }

    private static boolean readsAnIndeterminateWrite(History history) {
        Set<Object> indeterminate = new HashSet<>();
        history.operations().stream().filter(o -> o.f().equals("write") && o.isInfo())
                .forEach(o -> indeterminate.add(o.invoke().value()));
        return history.operations().stream().anyMatch(o -> o.f().equals("read") && o.isOk()
                && indeterminate.contains(o.value()));
    }

    /** Each ok write and each read of a written value gets the value itself as its version. */
    private static History withVersions(History history) {
        List<Op> ops = new ArrayList<>();
        for (Op op : history.ops()) {
            boolean versioned = op.type() == OpType.OK && op.value() != null;
            ops.add(versioned ? op.withMeta(Map.of("version", op.value())) : op);
        }
        return History.of(ops);
    }
}
