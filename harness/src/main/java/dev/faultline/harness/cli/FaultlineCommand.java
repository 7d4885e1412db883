package dev.faultline.harness.cli;

import dev.faultline.harness.bench.BenchCommand;
import dev.faultline.harness.shrink.ShrinkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The root command; every subcommand is one class. */
@Command(
        name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "A Jepsen-style correctness harness for distributed systems: drives concurrent clients against a cluster, injects faults, records every operation and checks the history against consistency models.",
            "",
            "Exit codes: 0 valid, 1 invalid, 2 unknown, 254 bad arguments or input, 255 internal error."
        },
        subcommands = {
            ConvertCommand.class,
            StatsCommand.class,
            TestCommand.class,
            CompareCommand.class,
            AnalyzeCommand.class,
            ReportCommand.class,
            ShrinkCommand.class,
            CheckCommand.class,
            NodeCommand.class,
            KvBenchCommand.class,
            HarnessBenchCommand.class,
            BenchCommand.class,
            GenerateCommand.class,
            HelpCommand.class
        })
public final class FaultlineCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
