package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.cli.Main;
import dev.faultline.harness.compare.Comparison;
import dev.faultline.harness.compare.ComparisonStore;
import dev.faultline.harness.compare.Model;
import dev.faultline.harness.compare.ModelLadder;
import dev.faultline.harness.compare.SystemResult;
import dev.faultline.harness.compare.SystemSpec;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Goal: the report of a real run opens in a browser without a single error or network fetch,
 * shows every section, draws every operation of the history in its timeline and the witness of
 * the anomaly the run found; and a 100,000-operation report loads in a few seconds. Method: a
 * short {@code faultline test} against one {@code memory} node with the {@code stale-read} bug
 * (its final read misses the last add, so the convergence checker reports it lost) and pauses;
 * then the page in headless Chromium over the DevTools protocol. Screenshots are kept in
 * {@code harness/target/report-it/}. Without Chromium this test fails and says how to install it.
 * Also the page of a comparison (fake verdicts over a synthetic run): clean, and each invalid
 * cell's link scrolls the run's report to the witness.
 */
@Timeout(300)
class ReportBrowserIT {
    private static final Path ARTIFACTS = Path.of("target", "report-it");
    private static final List<String> SECTIONS = List.of("summary", "timeline", "latency", "throughput", "checkers", "keys",
            "faults", "nodes");

    @TempDir
    Path dir;

    @AfterEach
    void noProcessOutlivesTheTest() throws Exception {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) {
            process.onExit().get();
        }
        assertThat(left).as("processes left running (now killed by PID)").isEmpty();
    }

    private static List<String> sections(Chromium.Page page) throws Exception {
        List<String> found = new ArrayList<>();
        page.evaluate("[...document.querySelectorAll('main > section')]"
                + ".filter(s => s.querySelector('h2') && s.offsetHeight > 40).map(s => s.id)").forEach(id -> found.add(id.asText()));
        return found;
    }

    @Test
    void theReportOfARealRunOpensCleanlyAndDrawsEveryOperationAndTheWitness() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("test", "--target", "memory", "--nodes", "1", "--workload", "set", "--nemesis", "pause",
                "--nemesis-interval", "1", "--time-limit", "5", "--bug", "stale-read", "--seed", "3", "--request-timeout", "2000",
                "--store", dir.resolve("store").toString());
        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        Path run = dir.resolve("store/latest").toRealPath();
        History history = Histories.read(run.resolve("history.jsonl"));
        assertThat(run.resolve("report.html")).isRegularFile();
        assertThat(dir.resolve("store/index.html")).isRegularFile();
        assertThat(run.resolve("nodes/n1/status.jsonl")).isRegularFile();

        try (Chromium browser = Chromium.start(dir.resolve("chromium-profile"), Duration.ofSeconds(60))) {
            Chromium.Page page = browser.newPage();
            page.open(run.resolve("report.html").toUri().toString(), 1400, 1000, Duration.ofSeconds(60));

            assertThat(sections(page)).containsExactlyElementsOf(SECTIONS);
            assertThat(page.evaluate("faultlineReport.renderedOps").asInt()).as("operations drawn in the whole-run timeline")
                    .isEqualTo(history.operations().size());
            assertThat(page.evaluate("document.querySelectorAll('.witness svg rect').length").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(page.evaluate("document.querySelector('#checkers .anomaly').textContent").asText())
                    .contains("missing from every node's final read");
            assertThat(page.evaluate("document.querySelectorAll('.roles-chart canvas').length").asInt()).isEqualTo(1);
            assertThat(page.evaluate("document.querySelectorAll('#faults tr').length").asInt()).isGreaterThan(1);
            String log = page.evaluate("document.querySelector('#nodes a[href$=\"node.log\"]').getAttribute('href')").asText();
            assertThat(run.resolve(log)).isRegularFile();

            page.evaluate("document.querySelector('#checkers a.op').click()");
            Thread.sleep(300);
            assertThat(page.evaluate("document.querySelector('#timeline .selection').hidden").asBoolean()).isFalse();
            assertThat(page.evaluate("faultlineReport.renderedOps").asInt()).isLessThan(history.operations().size());
            page.screenshot(ARTIFACTS.resolve("real-run-selected.png"), "#timeline");
            page.evaluate("setView(BEGIN, END)");
            Thread.sleep(200);
            page.screenshot(ARTIFACTS.resolve("real-run.png"));

            assertThat(page.errors()).as("console errors").isEmpty();
            assertThat(page.requests()).as("no fetch but the page itself").containsOnly(run.resolve("report.html").toUri().toString());

            page.open(dir.resolve("store/index.html").toUri().toString(), 1400, 600, Duration.ofSeconds(30));
            assertThat(page.evaluate("document.querySelectorAll('#runs tr').length").asInt()).isEqualTo(2);
            assertThat(page.evaluate("document.querySelector('#runs .badge').textContent").asText()).isEqualTo("INVALID");
            assertThat(page.errors()).isEmpty();
        }
    }

    @Test
    void aComparisonOpensCleanlyAndItsInvalidCellsLeadToTheWitnessInTheRunsReport() throws Exception {
        // The synthetic run's first anomalies are a nonlinearizable read and a stale read; the
        // comparison names the same types, so its links must land on those anomalies' boxes.
        RunDirectory run = SyntheticRun.write(dir.resolve("store"), 2_000, 7);
        Reports.write(run);
        SystemResult synthetic = SystemResult.checked(SystemSpec.parse("synthetic=memory"), run.path(), List.of(
                Verdict.invalid("linearizable", List.of(Anomaly.of("nonlinearizable", "a read <b>cannot</b> be linearized", List.of(1))), Map.of()),
                Verdict.invalid("staleness", List.of(Anomaly.of("stale-read", "the read missed a newer version", List.of(2))), Map.of()),
                Verdict.valid("convergence", Map.of("converged", true))));
        SystemResult failed = SystemResult.failed(SystemSpec.parse("raft"), Optional.empty(), "the target could not start");
        Comparison comparison = new Comparison("faultline compare --system synthetic=memory --system raft", Map.of("seed", 7L),
                new ModelLadder(List.of(Model.LINEARIZABLE, Model.STALENESS, Model.CONVERGENCE), List.of()), List.of(synthetic, failed),
                List.of());
        Path page = ComparisonStore.write(dir.resolve("store"), comparison, LocalDateTime.of(2026, 11, 23, 12, 0)).resolve("compare.html");

        try (Chromium browser = Chromium.start(dir.resolve("chromium-profile"), Duration.ofSeconds(60))) {
            Chromium.Page matrix = browser.newPage();
            matrix.open(page.toUri().toString(), 1200, 700, Duration.ofSeconds(30));
            assertThat(matrix.evaluate("document.querySelectorAll('#matrix-table tr[data-label]').length").asInt()).isEqualTo(2);
            assertThat(matrix.evaluate("document.querySelector('tr[data-label=\"raft\"]').textContent").asText())
                    .contains("run failed", "run failed: the target could not start");
            assertThat(matrix.evaluate("document.querySelector('a.witness-link').closest('td').title").asText())
                    .isEqualTo("nonlinearizable: a read <b>cannot</b> be linearized");
            String link = matrix.evaluate("document.querySelectorAll('a.witness-link')[1].href").asText();
            assertThat(link).isEqualTo(run.report().toUri() + "#anomaly-staleness-stale-read-0");
            matrix.screenshot(ARTIFACTS.resolve("compare.png"));
            assertThat(matrix.errors()).as("console errors").isEmpty();
            assertThat(matrix.requests()).as("no fetch but the page itself").containsOnly(page.toUri().toString());

            Chromium.Page report = browser.newPage();
            report.open(link, 1200, 700, Duration.ofSeconds(60));
            assertThat(report.evaluate("(() => { const r = document.getElementById('anomaly-staleness-stale-read-0')"
                    + ".getBoundingClientRect(); return r.top > 0 && r.top < innerHeight; })()").asBoolean())
                    .as("the stale read's box is in view, below the header").isTrue();
            assertThat(report.errors()).isEmpty();
        }
    }

    @Test
    void aReportOfOneHundredThousandOperationsLoadsInAFewSeconds() throws Exception {
        RunDirectory run = SyntheticRun.write(dir.resolve("store"), 100_000, 42);
        long writing = System.nanoTime();
        Reports.write(run);
        double writeSeconds = (System.nanoTime() - writing) / 1e9;

        try (Chromium browser = Chromium.start(dir.resolve("chromium-profile"), Duration.ofSeconds(60))) {
            Chromium.Page page = browser.newPage();
            long loading = System.nanoTime();
            page.open(run.report().toUri().toString(), 1400, 1000, Duration.ofSeconds(120));
            double loadSeconds = (System.nanoTime() - loading) / 1e9;

            assertThat(sections(page)).containsExactlyElementsOf(SECTIONS);
            assertThat(page.evaluate("faultlineReport.renderedOps").asInt()).isEqualTo(100_000);
            assertThat(page.evaluate("faultlineReport.renderedBars").asInt()).as("at most about a bar per pixel and row")
                    .isLessThan(100_000);
            JsonNode witnesses = page.evaluate("faultlineReport.witnessesDrawn");
            assertThat(witnesses.asInt()).isEqualTo(3);
            page.evaluate("setView(BEGIN + (END - BEGIN) * 0.5, BEGIN + (END - BEGIN) * 0.501)");
            Thread.sleep(200);
            assertThat(page.evaluate("faultlineReport.renderedOps").asInt()).isBetween(1, 1_000);
            page.evaluate("setView(BEGIN, END)");
            Thread.sleep(200);
            page.screenshot(ARTIFACTS.resolve("hundred-thousand.png"));
            assertThat(page.errors()).isEmpty();
            String figures = String.format("100,000 operations: report.html (%,d bytes) written in %.2f s, ready in Chromium"
                    + " %.2f s after navigation%n", Files.size(run.report()), writeSeconds, loadSeconds);
            Files.createDirectories(ARTIFACTS);
            Files.writeString(ARTIFACTS.resolve("figures.txt"), figures);
            System.out.print(figures);
        }
    }
}
