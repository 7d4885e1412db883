package dev.faultline.harness.run;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.report.Reports;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a stored run: reads {@code history.jsonl} back (so the file on disk, not a copy in
 * memory, is what gets checked), runs every checker so that none can crash the check, writes
 * {@code results.json}, and then the run's {@code report.html} and the store's index. Used after a
 * run and by {@code faultline analyze}.
 */
public final class Analysis {
    private static final Logger log = LoggerFactory.getLogger(Analysis.class);

    /** The checked history and every verdict, with their composition. */
    public record Result(History history, List<Verdict> verdicts, Validity valid) {}

    private Analysis() {}

    public static Result check(RunDirectory run, List<Checker> checkers, Duration timeLimit) throws IOException {
        History history = Histories.read(run.history(), HistoryFormat.JSONL);
        List<Verdict> verdicts = Checkers.runAll(checkers, history, CheckContext.withTimeLimit(timeLimit));
        Validity valid = verdicts.stream().map(Verdict::valid).reduce(Validity.TRUE, Validity::and);
        JsonFiles.writeResults(run.results(), valid, verdicts);
        writeReport(run);
        return new Result(history, verdicts, valid);
    }

    /** The verdict stands without its page: a report that cannot be written is a warning, not a failed run. */
    private static void writeReport(RunDirectory run) {
        try {
            Reports.write(run);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write {}: {}; faultline report {} tries again", run.report(), e, run.path());
        }
    }
}
