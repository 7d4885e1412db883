package dev.faultline.harness.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code faultline bench}: measurements for docs/benchmarks.md; hidden from the main help. */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmarks for docs/benchmarks.md.",
        subcommands = {BenchCheckerCommand.class, HelpCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (checker)");
    }
}
