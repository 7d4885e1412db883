package dev.faultline.harness.shrink;

import dev.faultline.checker.Validity;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.shrink.DeltaDebugging.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shrinks a failing run's faults (Zeller's ddmin over the faults it applied): (a) replays all of
 * them as a nemesis script, and stops there when no attempt fails; (b) minimizes them with
 * {@link DeltaDebugging}, each candidate an ordinary run of the same configuration (seed included)
 * with only its faults; (c) ends the main phase just after the last kept fault's heal, plus a
 * tail, if that still fails; (d) runs the answer again until it has had every attempt a candidate
 * gets, so that it says how often it fails, not only that it did once. A candidate fails when any
 * of its attempts is found invalid by one of the checkers that found the run invalid;
 * {@link RunBudget} bounds the runs, and the smallest failing candidate so far is the answer when
 * it runs out or the user interrupts.
 */
final class Shrinker {
    /** Makes one run of a configuration and checks it. */
    interface Runner {
        Attempt run(TestConfig config) throws Exception;
    }

    /**
     * One run of a candidate.
     *
     * @param valid its verdict, or null when the run could not complete
     * @param invalidCheckers the checkers that found it invalid
     * @param error why the run could not complete, or null
     */
    record Attempt(Path directory, Validity valid, List<String> invalidCheckers, String error) {
        Attempt {
            invalidCheckers = List.copyOf(invalidCheckers);
        }
    }

    /**
     * A configuration tried: the faults kept, the main phase's length, its script and attempts.
     *
     * @param stage replay, ddmin or time-limit
     * @param attempts its runs so far: the answer's list grows in step (d)
     * @param script the script's file, or null when no fault is kept
     */
    record Candidate(int number, String stage, List<RecordedFault> faults, Duration timeLimit, Path script,
            List<Attempt> attempts, Outcome outcome) {}

    /**
     * What the shrink found.
     *
     * @param minimal the smallest failing candidate, or the replay of every fault when none failed
     * @param reproduced true when the replay of every fault failed
     * @param complete true when ddmin finished (the minimal faults are 1-minimal)
     */
    record Report(Candidate minimal, boolean reproduced, boolean complete, int runs, List<Candidate> candidates) {}

    private final ShrinkSource source;
    private final RunBudget budget;
    private final Duration tail;
    private final Runner runner;
    private final Path output;
    private final Path store;
    private final PrintWriter log;
    private final List<Candidate> candidates = new ArrayList<>();
    private Candidate best;

    /**
     * @param tail how long the main phase goes on after the last kept fault's heal in step (c)
     * @param output where candidate scripts go ({@code RUN_DIR/shrink})
     * @param store the store the candidates' runs go to
     * @param log one line per attempt
     */
    Shrinker(ShrinkSource source, RunBudget budget, Duration tail, Runner runner, Path output, Path store, PrintWriter log) {
        this.source = source;
        this.budget = budget;
        this.tail = tail;
        this.runner = runner;
        this.output = output;
        this.store = store;
        this.log = log;
    }

    /** Runs the shrink; an interrupt ends it early with the best so far. */
    Report run() throws Exception {
        List<RecordedFault> all = source.faults().applied();
        Duration timeLimit = source.original().timeLimit();
        Candidate replay;
        try {
            replay = test("replay", all, timeLimit);
        } catch (InterruptedException e) {
            return new Report(candidates.get(0), false, false, budget.runs(), candidates);
        }
        if (replay.outcome() != Outcome.FAILS) {
            return new Report(replay, false, false, budget.runs(), candidates);
        }
        boolean complete;
        try {
            complete = DeltaDebugging.minimize(all, kept -> test("ddmin", kept, timeLimit).outcome()).complete();
            List<RecordedFault> kept = best.faults();
            if (!kept.isEmpty()) {
                long endNanos = kept.stream().mapToLong(RecordedFault::healNanos).max().orElseThrow() + tail.toNanos();
                Duration shorter = Duration.ofMillis((endNanos + 999_999) / 1_000_000);
                if (shorter.compareTo(timeLimit) < 0) {
                    test("time-limit", kept, shorter);
                }
            }
        } catch (InterruptedException e) {
            complete = false;
        }
        try {
            confirm(best);
        } catch (InterruptedException e) {
            // The answer keeps the attempts it had.
        }
        return new Report(best, true, complete, budget.runs(), candidates);
    }

    /**
     * Runs the answer again until it has had every attempt a candidate gets (ddmin stops a
     * candidate at its first failing attempt), budget allowing.
     */
    private void confirm(Candidate answer) throws Exception {
        TestConfig config = config(answer.number(), answer.faults(), answer.timeLimit(), answer.script());
        while (answer.attempts().size() < budget.attempts() && budget.take()) {
            attempt(answer, config, "confirm");
        }
    }

    private Candidate test(String stage, List<RecordedFault> faults, Duration timeLimit) throws Exception {
        int number = candidates.size() + 1;
        Path script = faults.isEmpty() ? null : output.resolve("candidate-" + number + ".txt");
        TestConfig config = config(number, faults, timeLimit, script);
        List<Attempt> attempts = new ArrayList<>();
        Candidate pending = new Candidate(number, stage, faults, timeLimit, script, attempts, null);
        candidates.add(pending);
        Outcome outcome = budget.firstFailure(attemptNumber -> attempt(pending, config, stage));
        Candidate candidate = new Candidate(number, stage, faults, timeLimit, script, attempts, outcome);
        candidates.set(number - 1, candidate);
        if (outcome == Outcome.FAILS && (best == null || faults.size() < best.faults().size()
                || (faults.size() == best.faults().size() && timeLimit.compareTo(best.timeLimit()) < 0))) {
            best = candidate;
        }
        return candidate;
    }

    /** The candidate's configuration: the run's own, with only these faults, as run number {@code number} of the shrink. */
    private TestConfig config(int number, List<RecordedFault> faults, Duration timeLimit, Path script) throws IOException {
        return source.candidate(faults, timeLimit, source.original().name() + "-shrink-" + number, script,
                List.of("candidate " + number + " of faultline shrink " + source.run().path() + ": " + faults.size() + " of "
                        + source.faults().applied().size() + " faults"), store);
    }

    /** One run of the candidate, added to its attempts and logged: true when it failed. */
    private boolean attempt(Candidate candidate, TestConfig config, String stage) throws Exception {
        Attempt attempt = runner.run(config);
        candidate.attempts().add(attempt);
        boolean fails = source.failedAgain(attempt);
        log.printf("shrink: candidate %d (%s, %d of %d faults, %s s), attempt %d: %s %s%n", candidate.number(), stage,
                candidate.faults().size(), source.faults().applied().size(), seconds(candidate.timeLimit()),
                candidate.attempts().size(), describe(attempt, fails), attempt.directory());
        log.flush();
        return fails;
    }

    private static String describe(Attempt attempt, boolean fails) {
        if (attempt.error() != null) {
            return "run failed (" + attempt.error() + ")";
        }
        return fails ? "INVALID (" + String.join(",", attempt.invalidCheckers()) + ")"
                : "did not fail (" + (attempt.valid() == Validity.TRUE ? "valid" : attempt.valid().wireName()) + ")";
    }

    static String seconds(Duration duration) {
        return Double.toString(duration.toMillis() / 1000.0).replaceFirst("\\.0$", "");
    }

    /** The candidates as canonical values, for {@code shrink.json}. */
    static List<Object> describe(List<Candidate> candidates) {
        List<Object> described = new ArrayList<>();
        for (Candidate candidate : candidates) {
            List<Object> attempts = new ArrayList<>();
            for (Attempt attempt : candidate.attempts()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("run", attempt.directory() == null ? null : attempt.directory().toString());
                // As results.json says it: true, false or "unknown".
                fields.put("valid", attempt.valid() == null || attempt.valid() == Validity.UNKNOWN ? "unknown"
                        : attempt.valid() == Validity.TRUE);
                fields.put("invalid-checkers", attempt.invalidCheckers());
                if (attempt.error() != null) {
                    fields.put("error", attempt.error());
                }
                attempts.add(fields);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("candidate", (long) candidate.number());
            fields.put("stage", candidate.stage());
            fields.put("faults", ShrinkSource.ids(candidate.faults()));
            fields.put("time-limit-seconds", candidate.timeLimit().toMillis() / 1000.0);
            fields.put("script", candidate.script() == null ? null : candidate.script().toString());
            fields.put("outcome", candidate.outcome() == null ? "interrupted" : candidate.outcome().name().toLowerCase(Locale.ROOT));
            fields.put("attempts", attempts);
            described.add(fields);
        }
        return described;
    }
}
