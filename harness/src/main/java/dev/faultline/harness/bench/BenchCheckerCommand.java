package dev.faultline.harness.bench;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.CheckerRegistry;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.cli.CheckTimeLimitOption;
import dev.faultline.harness.cli.ConsistencyOptions;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline bench checker}: generates a seeded synthetic history and times a checker on
 * it, in this process, a few times over (the first run includes JIT warm-up). Prints one line
 * per run.
 */
@Command(name = "checker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Generates a seeded synthetic history (a linearizable in-memory store, unless reads are made stale) and times a checker on it. Prints the generation time, then one line per run: the check's wall time, operations per second, the verdict and the checker's statistics. The first run includes JIT warm-up."
        })
public final class BenchCheckerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checker", paramLabel = "NAME", required = true,
            description = "The checker to time, e.g. causal, session, sequential.")
    String checker;

    @Mixin
    ConsistencyOptions consistencyOptions;



    @Option(names = "--workload", paramLabel = "register|set|append", defaultValue = "register",
            description = "What the history does: read/write registers, add to and read sets, or append to and read lists. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "100000", description = "Operations. Default: ${DEFAULT-VALUE}.")
    int operations;

    @Option(names = "--processes", paramLabel = "N", defaultValue = "50", description = "Concurrent processes. Default: ${DEFAULT-VALUE}.")
    int processes;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10", description = "Keys in use at once. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--ops-per-key", paramLabel = "N", defaultValue = "500",
            description = "Operations after which the keys in use move on to fresh ones. Default: ${DEFAULT-VALUE}.")
    int operationsPerKey;

    @Option(names = "--read-fraction", paramLabel = "P", defaultValue = "0.5", description = "Share of reads. Default: ${DEFAULT-VALUE}.")
    double readFraction;

    @Option(names = "--stale-read-probability", paramLabel = "P", defaultValue = "0",
            description = "Chance that a read returns an older state, to make violations. Default: ${DEFAULT-VALUE}.")
    double staleReadProbability;

    @Option(names = "--info-probability", paramLabel = "P", defaultValue = "0",
            description = "Chance that an operation ends indeterminate; its process continues under a new id. Default: ${DEFAULT-VALUE}.")
    double infoProbability;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the history. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "How many times to run the check. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Mixin
    CheckTimeLimitOption timeLimit;

    @Option(names = "--write-history", paramLabel = "FILE",
            description = "Also write the generated history as JSON Lines, to check it with faultline check.")
    Path historyFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> values = new LinkedHashMap<>();
        consistencyOptions.addTo(values);
        Checker built = CheckerRegistry.create(checker, CheckerOptions.of(values));
        SyntheticWorkload synthetic = new SyntheticWorkload(workload, operations, processes, keys, operationsPerKey,
                readFraction, staleReadProbability, infoProbability, seed);
        long start = System.nanoTime();
        History history = SyntheticHistories.generate(synthetic);
        out.printf("generated %s: %d operations, %d processes, %d keys in flight, seed %d, in %.2f s%n",
                workload, operations, processes, keys, seed, (System.nanoTime() - start) / 1e9);
        if (historyFile != null) {
            Histories.writeJsonl(history.ops(), historyFile);
            out.printf("wrote %s%n", historyFile);
        }
        for (int run = 1; run <= runs; run++) {
            CheckContext context = CheckContext.withTimeLimit(timeLimit.timeLimit());
            long began = System.nanoTime();
            Verdict verdict = Checkers.safely(built, history, context);
            double seconds = (System.nanoTime() - began) / 1e9;
            out.printf("run %d: %s %.3f s, %.0f ops/s, valid=%s%s, %s%n", run, checker, seconds, operations / seconds,
                    verdict.valid().wireName(), verdict.cause() == null ? "" : " (" + verdict.cause() + ")", verdict.stats());
            out.flush();
        }
        return 0;
    }
}
