package dev.faultline.harness.shrink;

import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.shrink.Shrinker.Candidate;
import dev.faultline.harness.shrink.Shrinker.Report;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.nemesis.schedule.ScriptWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shrink leaves in {@code RUN_DIR/shrink/}: {@code minimal.txt} (the smallest failing script,
 * with a header saying where it comes from, how to replay it and how often it failed),
 * {@code shrink.json} (every candidate with its faults, attempts, verdicts and run directories),
 * and the summary on standard output.
 */
final class ShrinkOutput {
    private final ShrinkSource source;
    private final Report report;
    private final Path output;
    private final Path store;

    ShrinkOutput(ShrinkSource source, Report report, Path output, Path store) {
        this.source = source;
        this.report = report;
        this.output = output;
        this.store = store;
    }

    Path minimalScript() {
        return output.resolve("minimal.txt");
    }

    /** Writes both files. @return the command that replays the minimal script */
    String write() throws IOException {
        Candidate minimal = report.minimal();
        List<String> header = new ArrayList<>(List.of("faultline shrink of " + source.run().path(), verdictLine(minimal),
                report.reproduced() ? searchLine() : "the replay of every fault did not fail: not reproduced, nothing shrunk"));
        source.faults().leftOut().forEach(line -> header.add("left out, as it failed in the run: " + line));
        String replay = String.join(" ", replayConfig(header).commandLine());
        header.add("replay with: " + replay);
        if (minimal.faults().isEmpty()) {
            header.add("the failure needs no fault: the replay runs with --nemesis none");
            Files.writeString(minimalScript(), String.join("\n", header.stream().map(line -> "# " + line).toList()) + "\n");
        } else {
            replayConfig(header);
        }
        JsonFiles.writeMap(output.resolve("shrink.json"), describe(replay));
        return replay;
    }

    /** The configuration that replays {@code minimal.txt} under the run's own name; writes the script. */
    private TestConfig replayConfig(List<String> header) throws IOException {
        Candidate minimal = report.minimal();
        return source.candidate(minimal.faults(), minimal.timeLimit(), source.original().name(), minimalScript(), header, store);
    }

    private String verdictLine(Candidate minimal) {
        return minimal.faults().size() + " of " + source.faults().applied().size() + " faults, main phase "
                + Shrinker.seconds(minimal.timeLimit()) + " s: failed " + failures(minimal) + " of " + minimal.attempts().size()
                + " attempts (" + String.join(",", source.failingCheckers()) + ")";
    }

    private String searchLine() {
        return report.complete() ? "ddmin finished: leaving out any one of these faults made the failure go away"
                : "stopped early (--max-runs or interrupt) after " + report.runs() + " runs: smaller may exist";
    }

    private long failures(Candidate candidate) {
        return candidate.attempts().stream().filter(attempt -> source.failedAgain(attempt)).count();
    }

    private Map<String, Object> describe(String replay) {
        Candidate minimal = report.minimal();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source", source.run().path().toString());
        fields.put("failing-checkers", List.copyOf(source.failingCheckers()));
        fields.put("faults-applied", ShrinkSource.ids(source.faults().applied()));
        fields.put("left-out", source.faults().leftOut());
        fields.put("reproduced", report.reproduced());
        fields.put("complete", report.complete());
        fields.put("runs", (long) report.runs());
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("candidate", (long) minimal.number());
        kept.put("faults", ShrinkSource.ids(minimal.faults()));
        kept.put("time-limit-seconds", minimal.timeLimit().toMillis() / 1000.0);
        kept.put("failed-attempts", failures(minimal));
        kept.put("attempts", (long) minimal.attempts().size());
        kept.put("script", minimalScript().toString());
        fields.put("minimal", kept);
        fields.put("replay", replay);
        fields.put("candidates", Shrinker.describe(report.candidates()));
        return fields;
    }

    /** The one-screen summary. */
    void print(PrintWriter out, String replay) {
        Candidate minimal = report.minimal();
        out.printf("shrink: %s%n", source.run().path());
        out.printf("  %d faults applied%s; failing: %s%n", source.faults().applied().size(),
                source.faults().leftOut().isEmpty() ? "" : " (" + source.faults().leftOut().size() + " more left out: failed in the run)",
                String.join(",", source.failingCheckers()));
        out.printf("  %s%n", report.reproduced() ? "minimal: " + verdictLine(minimal) : "not reproduced: " + verdictLine(minimal));
        if (report.reproduced()) {
            out.printf("  %s%n", searchLine());
        }
        minimal.faults().forEach(fault -> out.printf("    %s%n", ScriptWriter.line(fault.entry(),
                source.original().nodes())));
        out.printf("  %d runs, %d candidates; every candidate: %s%n", report.runs(), report.candidates().size(),
                output.resolve("shrink.json"));
        out.printf("  script: %s%n", minimalScript());
        out.printf("  replay with: %s%n", replay);
        out.println(report.reproduced() ? "INVALID (exit 1): the minimal script reproduces the failure"
                : "NOT REPRODUCED (exit 2): no attempt of the replay failed");
        out.flush();
    }
}
