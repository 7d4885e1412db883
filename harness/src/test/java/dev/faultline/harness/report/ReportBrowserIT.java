package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.harness.cli.Main;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
