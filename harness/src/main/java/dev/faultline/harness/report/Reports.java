package dev.faultline.harness.report;

import dev.faultline.harness.store.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run report: {@code report.html} in a run's directory, one self-contained page (inline CSS,
 * script, data; it fetches nothing and opens from disk) with the summary, the timeline, latency
 * and throughput with fault bands, node roles, every checker's statistics and anomalies with
 * their witnesses, and per-key verdicts; and {@code store/index.html}, the list of runs.
 *
 * <p>The page is drawn from the stored files only ({@code test.json}, {@code history.jsonl},
 * {@code faults.jsonl}, {@code results.json}, {@code nodes/}), so {@code faultline report RUN_DIR}
 * rebuilds exactly what the run wrote. The run calls {@link #write} after its check.
 */
public final class Reports {
    private Reports() {}

    /**
     * Writes the run's {@code report.html}, then rebuilds the index of the store the run is in
     * (when it sits at {@code <store>/<test>/<yyyyMMdd-HHmmss>}).
     *
     * @return the report's path
     * @throws dev.faultline.harness.UserInputException when the directory is not a run or one of
     *     its files is malformed (the message names the file, and the line where there is one)
     * @throws java.nio.file.NoSuchFileException when {@code history.jsonl} is missing
     */
    public static Path write(RunDirectory run) throws IOException {
        StoredRun stored = StoredRun.read(run);
        Map<String, Object> parts = new LinkedHashMap<>();
        String name = String.valueOf(stored.test().getOrDefault("name", run.path().getFileName()));
        parts.put("STYLE", "report.css");
        parts.put("TITLE", new PageWriter.Html(PageWriter.escapeHtml(name + " " + run.path().getFileName())));
        parts.put("DATA", ReportModel.of(stored));
        parts.put("SCRIPT", "report.js");
        PageWriter.write(run.report(), "report.html", parts);
        Optional<Path> store = StoreIndex.storeOf(run);
        if (store.isPresent()) {
            StoreIndex.write(store.get());
        }
        return run.report();
    }

    /**
     * Writes a comparison's page ({@code compare.html}): the matrix of {@code document}, which is
     * {@code compare.json}'s content, drawn by a small script with the report's style; each invalid
     * cell links to the witness in its run's {@code report.html}.
     */
    public static void writeComparison(Path file, String title, Map<String, Object> document) throws IOException {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("STYLE", "report.css");
        parts.put("TITLE", new PageWriter.Html(PageWriter.escapeHtml(title)));
        parts.put("DATA", document);
        parts.put("SCRIPT", "compare.js");
        PageWriter.write(file, "compare.html", parts);
    }

    /** Rebuilds {@code index.html} of a store directory; returns its path. */
    public static Path writeIndex(Path store) throws IOException {
        return StoreIndex.write(store);
    }
}
