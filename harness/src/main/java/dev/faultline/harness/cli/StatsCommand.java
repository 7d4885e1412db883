package dev.faultline.harness.cli;

import dev.faultline.history.HistoryStats;
import dev.faultline.history.Op;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.OpReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline stats FILE}: what is in a history, in one streaming pass. */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Prints what a history holds: operation counts by function and outcome, processes, keys, time span, the most operations in progress at once, and crashed (info) operations. JSON Lines files are streamed, so a file of millions of operations needs little memory."
        })
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Parameters(paramLabel = "FILE", description = "The history to read.")
    Path file;

    @Override
    public Integer call() throws Exception {
        HistoryStats stats;
        try (OpReader reader = Histories.open(file, format.format())) {
            stats = HistoryStats.of(reader);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s%n", file);
        out.printf("  events            %d (%d nemesis)%n", stats.events(), stats.nemesisEvents());
        out.printf("  operations        %d%n", stats.operations());
        out.printf("  %-16s %10s %10s %10s %10s%n", "f", "ok", "fail", "info", "total");
        for (Map.Entry<String, HistoryStats.Outcomes> entry : stats.outcomes().entrySet()) {
            HistoryStats.Outcomes outcomes = entry.getValue();
            out.printf("  %-16s %10d %10d %10d %10d%n", entry.getKey(), outcomes.ok(), outcomes.fail(),
                    outcomes.info(), outcomes.total());
        }
        out.printf("  processes         %d%n", stats.processes());
        out.printf("  keys              %d%n", stats.keys());
        if (stats.firstTimeNanos() == Op.NO_TIME) {
            out.printf("  time span         no timestamps%n");
        } else {
            out.printf("  time span         %.3f s%n", (stats.lastTimeNanos() - stats.firstTimeNanos()) / 1e9);
        }
        out.printf("  concurrency max   %d%n", stats.concurrencyMax());
        out.printf("  crashed (info)    %d (%d never completed)%n", stats.crashed(), stats.neverCompleted());
        out.flush();
        return ExitCodes.VALID;
    }
}
