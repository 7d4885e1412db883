package dev.faultline.harness.compare;

import dev.faultline.harness.report.Reports;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Where a comparison is kept: {@code <store>/compare/<yyyyMMdd-HHmmss>/} with {@code compare.json},
 * {@code compare.html} and {@code compare.txt} (the console's table and witnesses), beside the runs it compares (which stay normal runs of the store, listed
 * in {@code store/index.html}; the comparison links to them), and {@code <store>/compare/latest}
 * pointing at the newest comparison.
 */
public final class ComparisonStore {
    static final String GROUP = "compare";

    private ComparisonStore() {}

    /** Writes the comparison; returns its directory. */
    public static Path write(Path storeRoot, Comparison comparison, LocalDateTime start) throws IOException {
        Store store = new Store(storeRoot);
        Path directory = store.createStamped(GROUP, start);
        Map<String, Object> document = ComparisonJson.document(comparison, directory);
        JsonFiles.writeMap(directory.resolve("compare.json"), document);
        Reports.writeComparison(directory.resolve("compare.html"), directory.getFileName().toString(), document);
        StringWriter text = new StringWriter();
        ComparisonText.print(new PrintWriter(text), comparison, directory);
        Files.writeString(directory.resolve("compare.txt"), text.toString());
        new Store(storeRoot.resolve(GROUP)).markLatest(directory);
        return directory;
    }
}
