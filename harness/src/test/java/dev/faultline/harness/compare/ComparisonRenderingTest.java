package dev.faultline.harness.compare;

import static dev.faultline.harness.compare.Verdicts.invalid;
import static dev.faultline.harness.compare.Verdicts.unknown;
import static dev.faultline.harness.compare.Verdicts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Verdict;
import dev.faultline.harness.report.Reports;
import dev.faultline.harness.store.JsonFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the console matrix, compare.json and compare.html say the same thing about the same fake
 * verdicts: each cell's verdict, the strongest model kept, the first witness of each invalid cell
 * with a link into its run's report (anchored to the anomaly), a failed run as such; the page is
 * self-contained and the store's index does not take the comparison for a run.
 */
class ComparisonRenderingTest {
    @TempDir
    Path store;

    private Comparison comparison() {
        Path raftRun = store.resolve("raft-register/20261123-100000");
        Path gossipRun = store.resolve("gossip-w-1-register/20261123-100100");
        Verdict converged = Verdict.valid("convergence", Map.of("converged", true));
        SystemResult raft = Verdicts.checked("raft", raftRun, valid(Model.LINEARIZABLE), valid(Model.SEQUENTIAL), valid(Model.CAUSAL),
                valid(Model.SESSION), unknown(Model.STALENESS), converged);
        SystemResult gossip = SystemResult.checked(SystemSpec.parse("gossip:w=1"), gossipRun, List.of(
                invalid(Model.LINEARIZABLE, "nonlinearizable", 1), invalid(Model.SEQUENTIAL, "WriteOrderCycle", 4),
                invalid(Model.CAUSAL, "WriteCORead", 2), invalid(Model.SESSION, "RYW", 3), invalid(Model.STALENESS, "stale-read", 37),
                converged));
        SystemResult paxos = SystemResult.failed(SystemSpec.parse("paxos"), Optional.of(store.resolve("paxos-register/20261123-100200")),
                "the target could not start: n1 exited");
        ModelLadder ladder = new ModelLadder(List.of(Model.values()), List.of());
        return new Comparison("faultline compare --system raft --system gossip:w=1 --system paxos --seed 1",
                Map.of("workload", "register", "seed", 1L), ladder, List.of(raft, gossip, paxos),
                List.of(new Expectation("raft", Model.LINEARIZABLE), new Expectation("gossip:w=1", Model.CONVERGENCE),
                        new Expectation("gossip:w=1", Model.SESSION), new Expectation("paxos", Model.LINEARIZABLE)));
    }

    @Test
    void theConsoleMatrixHasOneRowPerSystemAndTheWitnessesBelow() {
        Comparison comparison = comparison();
        StringWriter text = new StringWriter();
        ComparisonText.print(new PrintWriter(text), comparison, store.resolve("compare/20261123-100300"));
        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(0)).matches("system\\s+linearizable\\s+sequential\\s+causal\\s+session\\s+staleness\\s+convergence\\s+strongest model kept");
        assertThat(lines.get(1)).matches("raft\\s+valid\\s+valid\\s+valid\\s+valid\\s+unknown\\s+valid\\s+linearizable");
        assertThat(lines.get(2)).matches("gossip:w=1\\s+INVALID 1\\s+INVALID 4\\s+INVALID 2\\s+INVALID 3\\s+INVALID 37\\s+valid\\s+"
                + "eventual: converged, lost 0, stale reads 37");
        assertThat(lines.get(3)).matches("paxos(\\s+failed){6}\\s+run failed: the target could not start: n1 exited");
        // Columns line up: every cell starts where its header does.
        assertThat(lines.get(1).indexOf("unknown")).isEqualTo(lines.get(0).indexOf("staleness"));
        assertThat(text.toString())
                .contains("raft staleness: unknown: the budget ran out")
                .contains("gossip:w=1 staleness: stale-read: the stale-read of staleness\n    "
                        + store.resolve("gossip-w-1-register/20261123-100100/report.html#anomaly-staleness-stale-read-0"))
                .contains("paxos: run failed: the target could not start: n1 exited")
                .contains("timing still differs")
                .contains("expect raft keeps linearizable: yes", "expect gossip:w=1 keeps convergence: yes",
                        "expect gossip:w=1 keeps session: NO", "expect paxos keeps linearizable: undecided");
        assertThat(comparison.anyExpectation(Expectation.Outcome.BROKEN)).isTrue();
        assertThat(comparison.anyRunFailed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareJsonLinksEachWitnessRelativeToTheComparisonAndThePageEmbedsIt() throws Exception {
        Path directory = ComparisonStore.write(store, comparison(), LocalDateTime.of(2026, 11, 23, 10, 3));
        assertThat(directory).isEqualTo(store.resolve("compare/20261123-100300"));
        assertThat(store.resolve("compare/latest")).isSymbolicLink();
        assertThat(store.resolve("compare/latest").toRealPath()).isEqualTo(directory.toRealPath());

        Map<String, Object> json = JsonFiles.readMap(directory.resolve("compare.json"));
        assertThat(json.get("models")).isEqualTo(List.of("linearizable", "sequential", "causal", "session", "staleness", "convergence"));
        List<Map<String, Object>> systems = (List<Map<String, Object>>) json.get("systems");
        assertThat(systems).extracting(system -> system.get("label")).containsExactly("raft", "gossip:w=1", "paxos");
        Map<String, Object> gossip = systems.get(1);
        assertThat(gossip).containsEntry("run", "../../gossip-w-1-register/20261123-100100")
                .containsEntry("report", "../../gossip-w-1-register/20261123-100100/report.html")
                .containsEntry("strongest", "eventual: converged, lost 0, stale reads 37")
                .containsEntry("options", Map.of("w", "1"));
        Map<String, Object> staleness = ((List<Map<String, Object>>) gossip.get("verdicts")).get(4);
        assertThat(staleness).containsEntry("model", "staleness").containsEntry("valid", false).containsEntry("anomalies", 37L);
        assertThat((Map<String, Object>) staleness.get("witness")).containsEntry("type", "stale-read")
                .containsEntry("ops", List.of(3L, 7L))
                .containsEntry("link", "../../gossip-w-1-register/20261123-100100/report.html#anomaly-staleness-stale-read-0");
        Map<String, Object> paxos = systems.get(2);
        assertThat(paxos).containsEntry("failure", "the target could not start: n1 exited").containsEntry("report", null)
                .containsEntry("run", "../../paxos-register/20261123-100200");
        assertThat((List<Object>) paxos.get("verdicts")).isEmpty();
        assertThat((List<Map<String, Object>>) json.get("expectations")).extracting(e -> e.get("outcome"))
                .containsExactly("kept", "kept", "broken", "undecided");

        assertThat(Files.readString(directory.resolve("compare.txt"))).startsWith("system ").contains("expect gossip:w=1 keeps session: NO");
        String page = Files.readString(directory.resolve("compare.html"));
        assertThat(page).contains("id=\"compare-data\"", "function renderMatrix", ".badge")
                .contains("report.html#anomaly-staleness-stale-read-0")
                .doesNotContain("<!--@", "src=\"http", "href=\"http");
    }

    @Test
    void theStoreIndexListsTheRunsButNotTheComparison() throws Exception {
        Path directory = ComparisonStore.write(store, comparison(), LocalDateTime.of(2026, 11, 23, 10, 3));
        Files.createDirectories(store.resolve("raft-register/20261123-100000"));
        Files.writeString(store.resolve("raft-register/20261123-100000/test.json"), "{\"target\": \"raft\"}");
        String index = Files.readString(Reports.writeIndex(store));
        assertThat(index).contains("raft-register/20261123-100000").doesNotContain("compare/" + directory.getFileName());
    }
}
