package dev.faultline.harness.report;

import dev.faultline.harness.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The report's benchmark (test scope, like the checkers' benchmarks): writes a synthetic stored
 * run of N operations ({@link SyntheticRun}), times {@link Reports#write} on it (best and median
 * of three), then opens the page in headless Chromium and times how long it takes until the page
 * says it is ready, and how long one redraw of every chart at the whole-run view takes.
 *
 * <pre>
 * java -cp ... dev.faultline.harness.report.ReportBenchmark [OPERATIONS [DIRECTORY]]
 * </pre>
 */
public final class ReportBenchmark {
    private ReportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path store = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("report-bench");
        long started = System.nanoTime();
        RunDirectory run = SyntheticRun.write(store, operations, 42);
        System.out.printf("synthetic run of %,d operations written in %.2f s: %s%n", operations,
                (System.nanoTime() - started) / 1e9, run.path());
        double[] seconds = new double[3];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            Reports.write(run);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf("report.html (%,d bytes) written: best %.2f s, median %.2f s%n", Files.size(run.report()),
                seconds[0], seconds[1]);
        Path profile = Files.createTempDirectory("report-bench-chromium");
        try (Chromium browser = Chromium.start(profile, Duration.ofSeconds(60))) {
            Chromium.Page page = browser.newPage();
            long load = System.nanoTime();
            page.open(run.report().toUri().toString(), 1400, 1000, Duration.ofSeconds(120));
            double loadSeconds = (System.nanoTime() - load) / 1e9;
            double redraw = page.evaluate("(() => { const t = performance.now(); for (const c of view.charts) c.draw();"
                    + " return performance.now() - t; })()").asDouble();
            System.out.printf("Chromium: ready %.2f s after navigation (script %d ms), one redraw of every chart %.0f ms,"
                    + " %d operations drawn, errors %s%n", loadSeconds, page.evaluate("faultlineReport.renderMillis").asInt(),
                    redraw, page.evaluate("faultlineReport.renderedOps").asInt(), page.errors());
            page.screenshot(run.path().resolve("report.png"));
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
