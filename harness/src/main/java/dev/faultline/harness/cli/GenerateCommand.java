package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.simulate.SimulationConfig;
import dev.faultline.harness.simulate.StoreSimulation;
import dev.faultline.history.io.JsonlWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline generate}: a seeded history of a simulated linearizable store, for benchmarks and tests. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Writes the history of a simulated store of registers as JSON Lines: processes invoke reads, writes and (with --cas) compare-and-sets; each operation takes effect atomically at a random instant inside its interval, so the history is linearizable unless --violation injects a violation. The same options and --seed always give the same file.",
            "",
            "Check the result with: faultline check --model cas-register FILE (a failed CAS in these histories did not happen, the default reading)."
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "10000",
            description = "Operations to invoke. Default: ${DEFAULT-VALUE}.")
    long operations;

    @Option(names = "--keys", paramLabel = "K", defaultValue = "1",
            description = "Independent registers; with 1 the history has no key field. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--processes", paramLabel = "P", defaultValue = "8",
            description = "Client processes running at once. Default: ${DEFAULT-VALUE}.")
    int processes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--unique-values",
            description = "Every write writes a value never written before on its key (so a read names the write it saw).")
    boolean uniqueValues;

    @Option(names = "--cas", description = "Mix compare-and-set operations [expected new] in with reads and writes.")
    boolean cas;

    @Option(names = "--read-fraction", paramLabel = "F", defaultValue = "0.5",
            description = "Share of operations that are reads. Default: ${DEFAULT-VALUE}.")
    double readFraction;

    @Option(names = "--crash-rate", paramLabel = "R", defaultValue = "0",
            description = "Share of operations that time out (info); a crashed write or cas takes effect with probability 1/2, and its process is replaced by a new one. Default: ${DEFAULT-VALUE}.")
    double crashRate;

    @Option(names = "--value-range", paramLabel = "V", defaultValue = "5",
            description = "Without --unique-values, values are drawn from 0 to V-1. Default: ${DEFAULT-VALUE}.")
    int valueRange;

    @Option(names = "--violation", paramLabel = "KIND", defaultValue = "none",
            description = "Inject a violation: none; stale-read (a read returns a value overwritten before it began; needs --unique-values); phantom-read (a read returns -1, which nobody wrote). Default: ${DEFAULT-VALUE}.")
    String violation;

    @Option(names = "--violation-at", paramLabel = "FRACTION", defaultValue = "0.9",
            description = "Where to inject it: the first suitable read after this fraction of the operations completed. Default: ${DEFAULT-VALUE}.")
    double violationAt;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", defaultValue = "-",
            description = "The JSON Lines file to write, or - for standard output. Default: ${DEFAULT-VALUE}.")
    String out;

    @Override
    public Integer call() throws Exception {
        SimulationConfig config;
        try {
            config = new SimulationConfig(operations, keys, processes, seed, uniqueValues, cas, readFraction, crashRate,
                    valueRange, violation(), violationAt);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (out.equals("-")) {
            OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
            long injected = write(config, stdout);
            stdout.flush();
            report(injected);
            return ExitCodes.VALID;
        }
        // Written beside the target and moved into place, so a failure never leaves half a file.
        Path target = Path.of(out).toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long injected;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            injected = write(config, file);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        report(injected);
        return ExitCodes.VALID;
    }

    private SimulationConfig.Violation violation() {
        return switch (violation) {
            case "none" -> SimulationConfig.Violation.NONE;
            case "stale-read" -> SimulationConfig.Violation.STALE_READ;
            case "phantom-read" -> SimulationConfig.Violation.PHANTOM_READ;
            default -> throw new UserInputException("--violation must be none, stale-read or phantom-read, was " + violation);
        };
    }

    private static long write(SimulationConfig config, OutputStream out) throws IOException {
        JsonlWriter writer = new JsonlWriter(out, false);
        long injected;
        try {
            injected = StoreSimulation.run(config, op -> {
                try {
                    writer.write(op);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return injected;
    }

    private void report(long injected) {
        if (!violation.equals("none")) {
            spec.commandLine().getErr().println(injected >= 0
                    ? String.format(Locale.ROOT, "faultline: injected a %s at event index %d", violation, injected)
                    : "faultline: warning: found no read to inject a " + violation + " into; the history has no violation");
            spec.commandLine().getErr().flush();
        }
    }
}
