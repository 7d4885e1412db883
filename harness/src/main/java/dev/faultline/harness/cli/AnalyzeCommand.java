package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.run.Analysis;
import dev.faultline.harness.run.CheckerSelection;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.harness.workload.Workload;
import dev.faultline.harness.workload.WorkloadOptions;
import dev.faultline.harness.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline analyze RUN_DIR}: checks a stored run again, without running anything. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Checks a stored run again: reads its test.json for the workload and the checkers, checks its history.jsonl, rewrites results.json and prints the summary. Works on a run that failed or was killed half-way too: invocations that never completed count as indeterminate (info).",
            "",
            "Exit codes: 0 valid, 1 invalid, 2 unknown, 254 bad arguments or a directory that is not a run."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run's directory, e.g. store/latest.")
    Path runDirectory;

    @Option(names = "--checker", paramLabel = "LIST", split = ",",
            description = "Checkers to run. Default: those the run used.")
    List<String> checkers = new ArrayList<>();

    @Mixin
    CheckTimeLimitOption timeLimit;

    @Override
    public Integer call() throws Exception {
        RunDirectory run = new RunDirectory(runDirectory);
        if (!Files.isRegularFile(run.testJson())) {
            throw new UserInputException(runDirectory + " is not a run directory: it has no test.json");
        }
        if (!Files.isRegularFile(run.history())) {
            throw new NoSuchFileException(run.history().toString());
        }
        Duration limit = timeLimit.timeLimit();
        Map<String, Object> test = JsonFiles.readMap(run.testJson());
        Workload workload = Workloads.create(text(test, "workload"), WorkloadOptions.of(workloadOptions(test)));
        List<String> requested = checkers.isEmpty() ? names(test.get("checkers")) : checkers;
        CheckerSelection selection = CheckerSelection.choose(requested, workload.name(), workload.checkers(),
                workload.checkerOptions(), CheckerSource.registry());
        Analysis.Result result = Analysis.check(run, selection.checkers(), limit);
        for (String warning : result.history().warnings().stream().limit(3).toList()) {
            spec.commandLine().getErr().println("faultline: warning: " + warning);
        }
        RunSummary.print(spec.commandLine().getOut(), runDirectory.toString(), result);
        return ExitCodes.of(result.valid());
    }

    private String text(Map<String, Object> test, String field) {
        if (!(test.get(field) instanceof String value)) {
            throw new UserInputException(runDirectory.resolve("test.json") + ": no " + field);
        }
        return value;
    }

    /** The workload options as given when the run was made, defaults included. */
    private static Map<String, String> workloadOptions(Map<String, Object> test) {
        Map<String, String> options = new LinkedHashMap<>();
        if (test.get("workload-options") instanceof Map<?, ?> stored) {
            stored.forEach((key, value) -> options.put(key.toString(), String.valueOf(value)));
        }
        return options;
    }

    private static List<String> names(Object stored) {
        List<String> names = new ArrayList<>();
        if (stored instanceof List<?> list) {
            list.forEach(name -> names.add(name.toString()));
        }
        return names;
    }
}
