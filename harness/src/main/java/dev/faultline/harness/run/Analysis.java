package dev.faultline.harness.run;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Checks a stored run: reads {@code history.jsonl} back (so the file on disk, not a copy in
 * memory, is what gets checked), runs every checker so that none can crash the check, and writes
 * {@code results.json}. Used after a run and by {@code faultline analyze}.
 */
public final class Analysis {

    /** The checked history and every verdict, with their composition. */
    public record Result(History history, List<Verdict> verdicts, Validity valid) {}

    private Analysis() {}

    public static Result check(RunDirectory run, List<Checker> checkers, Duration timeLimit) throws IOException {
        History history = Histories.read(run.history(), HistoryFormat.JSONL);
        List<Verdict> verdicts = Checkers.runAll(checkers, history, CheckContext.withTimeLimit(timeLimit));
        Validity valid = verdicts.stream().map(Verdict::valid).reduce(Validity.TRUE, Validity::and);
        JsonFiles.writeResults(run.results(), valid, verdicts);
        return new Result(history, verdicts, valid);
    }
}
