package dev.faultline.harness.store;

import java.nio.file.Path;

/**
 * One run's directory in the store (DESIGN.md §9), and the files it holds.
 *
 * <pre>
 * test.json      the configuration, seed, faultline version and commit, argv, times, outcome
 * history.jsonl  every invocation and completion, streamed as the run goes
 * faults.jsonl   every nemesis action as applied, on the history's clock
 * results.json   every checker's verdict, anomalies and statistics
 * report.html    the run's page (written by the report)
 * nodes/NODE/    node logs and data
 * </pre>
 */
public record RunDirectory(Path path) {

    public Path testJson() {
        return path.resolve("test.json");
    }

    public Path history() {
        return path.resolve("history.jsonl");
    }

    public Path faults() {
        return path.resolve("faults.jsonl");
    }

    public Path results() {
        return path.resolve("results.json");
    }

    public Path report() {
        return path.resolve("report.html");
    }

    public Path nodes() {
        return path.resolve("nodes");
    }

    public Path node(String node) {
        return nodes().resolve(node);
    }
}
