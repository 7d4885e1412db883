package dev.faultline.checker.eventual;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.io.Histories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the eventual consistency checkers on seeded histories of about a million
 * operations (two million events) from the {@link LaggingStore} simulator: 3 replicas, a lag of 5
 * ticks, two reads for every write. Test scope on purpose: a benchmark, not a command users need.
 *
 * <pre>
 * java -Xmx2g -cp CLASSPATH dev.faultline.checker.eventual.EventualBenchmark [OPERATIONS] [DIRECTORY]
 * </pre>
 * prints, per workload, the events, the time to build the History, and the best and median of
 * three checks; with a DIRECTORY it also writes each history there as JSON Lines, to time
 * {@code faultline check} end to end. See docs/benchmarks.md for the exact command.
 */
public final class EventualBenchmark {
    private static final int RUNS = 3;
    private static final long SEED = 42;

    private EventualBenchmark() {}

    private record Workload(String name, String model, int keys, long writePeriodTicks, int readers, Checker checker) {}

    public static void main(String[] args) throws IOException {
        long operations = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path directory = args.length > 1 ? Path.of(args[1]) : null;
        List<Workload> workloads = List.of(
                new Workload("staleness, kv register", "register", 1000, 10, 200, new StalenessChecker(null)),
                new Workload("convergence --model register", "register", 1000, 10, 200, new ConvergenceChecker("register", null)),
                new Workload("convergence --model counter", "counter", 1000, 10, 200, new ConvergenceChecker("counter", 0L)),
                new Workload("convergence --model set", "set", 20_000, 200, 200, new ConvergenceChecker("set", null)));
        System.out.printf(Locale.ROOT, "java %s, %d processors, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (Workload workload : workloads) {
            run(workload, operations, directory);
        }
    }

    private static void run(Workload workload, long operations, Path directory) throws IOException {
        double operationsPerTick = (double) workload.keys() / workload.writePeriodTicks() + workload.readers();
        long ticks = Math.round(operations / operationsPerTick);
        List<Op> ops = LaggingStore.run(new LaggingStore.Config(workload.model(), 3, 5, workload.keys(),
                workload.writePeriodTicks(), workload.readers(), ticks, true, SEED)).ops();
        long buildStart = System.nanoTime();
        History history = History.of("benchmark", ops);
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        if (directory != null) {
            Files.createDirectories(directory);
            Histories.writeJsonl(ops, directory.resolve(workload.model() + "-" + workload.checker().name() + ".jsonl"));
        }
        double[] seconds = new double[RUNS];
        Verdict verdict = null;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            verdict = workload.checker().check(history, CheckContext.withTimeLimit(Duration.ofMinutes(10)));
            seconds[run] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "%-30s %,10d events %,9d operations  build %.2f s  check best %.2f s, median %.2f s  -> %s%s%n",
                workload.name(), history.size(), history.operations().size(), buildSeconds, seconds[0], seconds[RUNS / 2],
                verdict.valid().wireName(), verdict.cause() == null ? "" : " (" + verdict.cause() + ")");
        List<String> keyFigures = new ArrayList<>();
        for (String name : List.of("keys", "keysMeasured", "keysChecked", "reads", "k", "anomalyCounts")) {
            if (verdict.stats().containsKey(name)) {
                Object value = verdict.stats().get(name);
                keyFigures.add(name + "=" + (name.equals("k") ? Stats.map(value).get("histogram") : value));
            }
        }
        System.out.println("    " + String.join("  ", keyFigures));
    }
}
