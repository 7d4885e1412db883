package dev.faultline.harness.cli;

import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.run.TestRunner;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline harness-bench}: how fast the whole harness drives and records operations — the
 * generator, the worker threads, the client, the history written line by line — against the
 * trivial {@code memory} target in its own process, with no rate limit and no faults.
 */
@Command(name = "harness-bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Measures the harness's own overhead: a faultline test run against one node of the memory target (a separate process on 127.0.0.1), with --workers clients and no rate limit, no faults and no check. Prints the operations completed per second of the main phase and their latency quantiles, as recorded in history.jsonl. The run is stored like any other (--store).",
            "",
            "Goal (issue 5): at least 20,000 operations per second with 50 workers on 2 cores."
        })
final class HarnessBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "50", description = "Worker threads (clients). Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20", description = "The main phase's length. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "kv",
            description = "The workload (register, kv, set, append). Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--durability", paramLabel = "fsync|none", defaultValue = "none",
            description = "The memory target's durability: none (nothing is written) or fsync (every change fsynced before its reply). Default: ${DEFAULT-VALUE}.")
    String durability;

    @Mixin
    StoreOption store;

    @Override
    public Integer call() throws Exception {
        TestConfig config = TestConfig.builder().name("harness-bench").target("memory").nodeCount(1).workload(workload)
                .concurrency(workers).rate(0).timeLimit(Duration.ofSeconds(seconds)).seed(1)
                .targetOptions(Map.of("durability", durability)).store(store.directory())
                .argv(List.copyOf(spec.commandLine().getParseResult().originalArgs())).build();
        PrintWriter out = spec.commandLine().getOut();
        TestRunner runner = new TestRunner(config, new LocalClusterLauncher("memory", List.of(), config.targetOptions(),
                config.seedFor("nodes")), CheckerSource.registry(), spec.commandLine().getErr(), Duration.ofSeconds(5));
        Path history = runner.record().directory().history();
        report(out, Histories.read(history, HistoryFormat.JSONL), Files.size(history), config.timeLimit().toNanos());
        return ExitCodes.VALID;
    }

    /** Operations completed within the main phase (from the first invocation), per second, and their latencies. */
    private void report(PrintWriter out, History history, long bytes, long mainPhaseNanos) {
        List<Operation> operations = history.operations();
        long start = operations.isEmpty() ? 0 : operations.get(0).invokeTimeNanos();
        long[] latencies = operations.stream()
                .filter(operation -> !operation.invoke().finalRead() && operation.complete() != null
                        && operation.completeTimeNanos() <= start + mainPhaseNanos)
                .mapToLong(operation -> operation.completeTimeNanos() - operation.invokeTimeNanos()).sorted().toArray();
        long ok = operations.stream().filter(Operation::isOk).count();
        long fail = operations.stream().filter(Operation::isFail).count();
        double opsPerSecond = latencies.length * 1e9 / mainPhaseNanos;
        out.printf("workers %d, workload %s, durability %s, %d s%n", workers, workload, durability, seconds);
        out.printf("operations %d in the main phase: %.0f ops/s (all phases: ok %d, fail %d, info %d)%n", latencies.length,
                opsPerSecond, ok, fail, operations.size() - ok - fail);
        out.printf("latency p50 %d us, p99 %d us, p99.9 %d us, max %d us%n", quantile(latencies, 0.5) / 1000,
                quantile(latencies, 0.99) / 1000, quantile(latencies, 0.999) / 1000, quantile(latencies, 1.0) / 1000);
        out.printf("history %d events, %d bytes (%.0f bytes/event)%n", history.size(), bytes,
                history.size() == 0 ? 0.0 : (double) bytes / history.size());
        out.flush();
    }

    private static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
