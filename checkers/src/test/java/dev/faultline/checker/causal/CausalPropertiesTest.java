package dev.faultline.checker.causal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.SmallHistories;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * On random tiny histories the bad-pattern checker agrees with the brute-force definitions of
 * {@link CausalOracle}, for each model and each kind of object. Histories of up to 8 operations
 * keep the oracle's enumeration of serializations (8! orders at most) fast. Coverage checks make
 * sure the generator keeps producing valid and invalid histories, and histories that separate
 * the models, so that agreement means something.
 */
class CausalPropertiesTest {

    /** Checks every model and collects the oracle's answers for the coverage checks. */
    private static void agreeOnEveryModel(History history) {
        boolean cc = agrees(history, CausalModel.CC);
        boolean ccv = agrees(history, CausalModel.CCV);
        boolean cm = agrees(history, CausalModel.CM);
        Statistics.label("verdicts").collect(cc ? "CC" : "not CC", ccv ? "CCv" : "not CCv", cm ? "CM" : "not CM");
    }

    private static boolean agrees(History history, CausalModel model) {
        Verdict verdict = new CausalChecker(model, null).check(history, CheckContext.defaults());
        boolean expected = new CausalOracle(history).satisfies(model);
        assertThat(verdict.valid())
                .as("%s on %s: %s", model, history.ops().stream().map(Op::describe).toList(), verdict.anomalies())
                .isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
        return expected;
    }

    /** Valid and invalid histories both common, so that agreement is not agreement on one answer. */
    private static void bothAnswersCommon() {
        Statistics.label("verdicts").coverage(checker -> {
            checker.check("CC", "CCv", "CM").percentage(p -> p > 10);
            checker.check("not CC", "not CCv", "not CM").percentage(p -> p > 10);
        });
    }

    /** Each of the given classes, which separate the models, shows up. */
    private static void separates(List<List<String>> classes) {
        Statistics.label("verdicts").coverage(checker -> {
            for (List<String> verdicts : classes) {
                checker.check(verdicts.toArray()).count(c -> c > 0);
            }
        });
    }

    @StatisticsReport(StatisticsReportMode.OFF)
    @Property(tries = 1000)
    void registersAgreeWithTheDefinitions(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int processes,
            @ForAll @IntRange(min = 4, max = 8) int operations, @ForAll @IntRange(min = 1, max = 2) int keys) {
        agreeOnEveryModel(SmallHistories.generate(seed, SmallHistories.Shape.REGISTER, processes, operations, keys));
        bothAnswersCommon();
    }

    @StatisticsReport(StatisticsReportMode.OFF)
    @Property(tries = 3000)
    void concurrentRegistersAgreeWithTheDefinitions(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3) int processes,
            @ForAll @IntRange(min = 5, max = 8) int operations, @ForAll @IntRange(min = 1, max = 2) int keys) {
        agreeOnEveryModel(SmallHistories.concurrent(seed, SmallHistories.Shape.REGISTER, processes, operations, keys));
        // About 3 % and 0.4 % of these histories: 3000 tries make a miss unlikely (e^-12).
        separates(List.of(List.of("CC", "not CCv", "not CM"), List.of("CC", "not CCv", "CM")));
    }

    @StatisticsReport(StatisticsReportMode.OFF)
    @Property(tries = 2000)
    void concurrentListsAgreeWithTheDefinitions(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3) int processes,
            @ForAll @IntRange(min = 5, max = 8) int operations) {
        agreeOnEveryModel(SmallHistories.concurrent(seed, SmallHistories.Shape.LIST, processes, operations, 1));
        // About 14 %, 6 % and 1 % of these histories; 2000 tries make a miss unlikely (e^-20).
        separates(List.of(List.of("CC", "not CCv", "not CM"), List.of("CC", "CCv", "not CM"), List.of("CC", "not CCv", "CM")));
    }

    @StatisticsReport(StatisticsReportMode.OFF)
    @Property(tries = 1000)
    void setsAgreeWithTheDefinitions(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int processes,
            @ForAll @IntRange(min = 4, max = 8) int operations, @ForAll @IntRange(min = 1, max = 2) int keys) {
        agreeOnEveryModel(SmallHistories.generate(seed, SmallHistories.Shape.SET, processes, operations, keys));
        bothAnswersCommon();
    }

    @StatisticsReport(StatisticsReportMode.OFF)
    @Property(tries = 1000)
    void listsAgreeWithTheDefinitions(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int processes,
            @ForAll @IntRange(min = 4, max = 8) int operations, @ForAll @IntRange(min = 1, max = 2) int keys) {
        agreeOnEveryModel(SmallHistories.generate(seed, SmallHistories.Shape.LIST, processes, operations, keys));
        bothAnswersCommon();
    }
}
