package dev.faultline.harness.cli;

import dev.faultline.harness.report.Reports;
import dev.faultline.harness.store.RunDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline report RUN_DIR}: rebuilds a stored run's report.html and its store's index.html. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Writes RUN_DIR/report.html from the run's stored files (test.json, history.jsonl, faults.jsonl, results.json, nodes/), the page every run writes after its check: the verdicts, the configuration and the command that repeats the run; a timeline of every operation by process with fault bands and node roles (wheel zooms, drag pans, hover shows an operation); latency and throughput over time; every checker's statistics and anomalies with their witnesses drawn and linked into the timeline; per-key verdicts; the faults; links to the node logs. One self-contained file: it fetches nothing and opens from disk.",
            "",
            "When RUN_DIR sits in a store (STORE/<test>/<yyyyMMdd-HHmmss>), STORE/index.html, the list of every run with its verdict, is rebuilt too.",
            "",
            "Exit codes: 0 written, 254 RUN_DIR is not a run or one of its files is malformed (the message names it), 255 internal error."
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run's directory, e.g. store/latest.")
    Path runDirectory;

    @Override
    public Integer call() throws Exception {
        Path report = Reports.write(new RunDirectory(runDirectory));
        spec.commandLine().getOut().println(report);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
