package dev.faultline.harness.report;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.JsonLines;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything a report shows, read from one run's directory (DESIGN.md §9). {@code test.json} and
 * {@code history.jsonl} must be there; {@code faults.jsonl}, {@code results.json} and the node
 * directories may be missing (a run without nemesis, a run that failed before its check), and
 * the page says so. A file that is there but malformed is an error naming it.
 *
 * @param results the content of {@code results.json}, or null when the run was not checked
 * @param nodes each node's directory, by name order
 */
record StoredRun(RunDirectory directory, Map<String, Object> test, History history, List<Map<String, Object>> faultLines,
        Map<String, Object> results, List<NodeFiles> nodes) {

    /** The name of the file the status poller writes in each node's directory. */
    static final String STATUS_LINES = "status.jsonl";

    /**
     * One node's directory: its files (logs, status) for links, and its status samples.
     *
     * @param files the regular files directly inside it, with their sizes in bytes
     */
    record NodeFiles(String node, Map<String, Long> files, List<Map<String, Object>> statusLines) {}

    static StoredRun read(RunDirectory run) throws IOException {
        Path path = run.path();
        if (!Files.isDirectory(path)) {
            throw new UserInputException(path + ": no such run directory");
        }
        if (!Files.isRegularFile(run.testJson())) {
            throw new UserInputException(path + " is not a run directory: it has no test.json");
        }
        Map<String, Object> test = JsonFiles.readMap(run.testJson());
        History history = Histories.read(run.history(), HistoryFormat.JSONL);
        List<Map<String, Object>> faults = Files.isRegularFile(run.faults()) ? JsonLines.read(run.faults()) : List.of();
        Map<String, Object> results = Files.isRegularFile(run.results()) ? JsonFiles.readMap(run.results()) : null;
        return new StoredRun(run, test, history, faults, results, nodes(run));
    }

    private static List<NodeFiles> nodes(RunDirectory run) throws IOException {
        List<NodeFiles> nodes = new ArrayList<>();
        if (!Files.isDirectory(run.nodes())) {
            return nodes;
        }
        List<Path> directories;
        try (Stream<Path> listing = Files.list(run.nodes())) {
            directories = listing.filter(Files::isDirectory).sorted().toList();
        }
        for (Path directory : directories) {
            Map<String, Long> files = new java.util.TreeMap<>();
            try (Stream<Path> listing = Files.list(directory)) {
                for (Path file : listing.filter(Files::isRegularFile).toList()) {
                    files.put(file.getFileName().toString(), Files.size(file));
                }
            }
            Path status = directory.resolve(STATUS_LINES);
            List<Map<String, Object>> statusLines = Files.isRegularFile(status) ? JsonLines.read(status) : List.of();
            nodes.add(new NodeFiles(directory.getFileName().toString(), files, statusLines));
        }
        return nodes;
    }
}
