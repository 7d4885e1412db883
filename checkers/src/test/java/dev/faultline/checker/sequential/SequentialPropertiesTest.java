package dev.faultline.checker.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.SmallHistories;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The sequential checker agrees with {@link SequentialOracle}, which tries every interleaving:
 * through the block graph (unique values, cas), through the screens and the search (several
 * keys), and through the search alone (repeated values).
 */
class SequentialPropertiesTest {

    private static void agrees(History history, String path) {
        Verdict verdict = SequentialChecker.fromOptions(CheckerOptions.none())
                .check(history, CheckContext.defaults());
        boolean expected = new SequentialOracle(history, false).sequential();
        assertThat(verdict.valid())
                .as("%s: %s", history.ops().stream().map(Op::describe).toList(), verdict.anomalies())
                .isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
        Statistics.label("verdicts").collect(expected ? "valid" : "invalid");
        Statistics.label("tier").collect(path + " " + verdict.stats().get("tier"));
        Statistics.label("verdicts").coverage(checker -> {
            checker.check("valid").percentage(p -> p > 10);
            checker.check("invalid").percentage(p -> p > 10);
        });
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReportMode.OFF)
    void uniqueValuesWithCasAgree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int processes,
            @ForAll @IntRange(min = 4, max = 8) int operations) {
        agrees(RandomRegisters.generate(seed, processes, operations, 1, true), "unique");
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReportMode.OFF)
    void repeatedValuesAgree(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int processes,
            @ForAll @IntRange(min = 4, max = 8) int operations) {
        agrees(RandomRegisters.generate(seed, processes, operations, 1, false), "repeated");
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReportMode.OFF)
    void severalKeysAgree(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3) int processes,
            @ForAll @IntRange(min = 3, max = 8) int operations, @ForAll @IntRange(min = 2, max = 3) int keys) {
        agrees(SmallHistories.generate(seed, SmallHistories.Shape.REGISTER, processes, operations, keys), "keys");
    }
}
