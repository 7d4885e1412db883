package dev.faultline.harness.report;

import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code store/index.html}: every run in the store, newest first, with its verdict in colour,
 * test name, date, configuration in brief and links to its report and files. Rebuilt from the
 * directories each time (there is no index to get out of step); a run whose {@code test.json}
 * cannot be read still gets a row saying so.
 */
final class StoreIndex {
    /** A run directory's name in the store: {@code yyyyMMdd-HHmmss}, then {@code -2}, {@code -3}... */
    static final Pattern RUN_NAME = Pattern.compile("\\d{8}-\\d{6}(-\\d+)?");
    /** The file that makes a store directory a comparison of runs ({@code faultline compare}), not a run. */
    static final String COMPARISON = "compare.json";

    private StoreIndex() {}

    /** The store a run directory belongs to, when it sits at {@code <store>/<test>/<stamp>}. */
    static java.util.Optional<Path> storeOf(RunDirectory run) throws IOException {
        Path real = run.path().toRealPath();
        Path test = real.getParent();
        boolean inStore = RUN_NAME.matcher(real.getFileName().toString()).matches() && test != null && test.getParent() != null;
        return inStore ? java.util.Optional.of(test.getParent()) : java.util.Optional.empty();
    }

    static Path write(Path store) throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Path run : runs(store)) {
            runs.add(row(store, new RunDirectory(run)));
        }
        Path index = store.resolve("index.html");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("STYLE", "index.css");
        parts.put("TITLE", new PageWriter.Html(PageWriter.escapeHtml(store.toAbsolutePath().normalize().toString())));
        parts.put("DATA", runs);
        parts.put("SCRIPT", "index.js");
        PageWriter.write(index, "index.html", parts);
        return index;
    }

    private static List<Path> runs(Path store) throws IOException {
        List<Path> runs = new ArrayList<>();
        try (Stream<Path> tests = Files.list(store)) {
            for (Path test : tests.filter(path -> Files.isDirectory(path) && !Files.isSymbolicLink(path)).toList()) {
                try (Stream<Path> stamps = Files.list(test)) {
                    // A comparison (compare.json) sits beside the runs it compares, not among them.
                    stamps.filter(path -> Files.isDirectory(path) && RUN_NAME.matcher(path.getFileName().toString()).matches()
                            && !Files.exists(path.resolve(COMPARISON))).forEach(runs::add);
                }
            }
        }
        runs.sort(Comparator.comparing((Path run) -> run.getFileName().toString()).reversed()
                .thenComparing(run -> run.getParent().getFileName().toString()));
        return runs;
    }

    private static Map<String, Object> row(Path store, RunDirectory run) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", store.relativize(run.path()).toString().replace('\\', '/'));
        row.put("test", run.path().getParent().getFileName().toString());
        row.put("stamp", run.path().getFileName().toString());
        row.put("report", Files.isRegularFile(run.report()));
        try {
            Map<String, Object> test = JsonFiles.readMap(run.testJson());
            for (String field : List.of("start-time", "target", "workload", "nemesis", "seed", "bugs", "outcome")) {
                row.put(field, test.get(field));
            }
            row.put("valid", Files.isRegularFile(run.results())
                    ? CheckerSections.validity(JsonFiles.readMap(run.results()).get("valid")) : "unchecked");
        } catch (IOException | RuntimeException e) {
            row.put("problem", "cannot read test.json or results.json: " + e.getMessage());
        }
        return row;
    }
}
