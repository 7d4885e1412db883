package dev.faultline.harness.local;

import static dev.faultline.harness.local.CompareJson.system;
import static dev.faultline.harness.local.CompareJson.assertLinearizable;
import static dev.faultline.harness.local.CompareJson.invalidWithin;
import static dev.faultline.harness.local.CompareJson.modelVerdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.local.CompareJson.Compared;
import dev.faultline.harness.store.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: {@code faultline compare} end to end — a CP system and an AP one under the same seeded
 * link faults, side by side: raft keeps linearizability (and the {@code --expect} saying so holds,
 * exit 0); the gossip store with one replica per write and per read, reading one random replica,
 * serves stale reads and is not linearizable; each invalid cell of compare.json links to the
 * witness of the same anomaly in that run's report.html; the runs are normal runs of the store;
 * no node outlives the comparison. Method: the CLI in this JVM, three nodes per system, 15 s per
 * run on the register workload (one key, so the sequential checker decides at once, and without
 * cas, so the whole ladder applies). Stale reads need a write's direct mail held back while a read
 * overtakes it, which timing decides: an anomaly-free gossip run is retried, at most three times
 * (see {@link LocalRunTest}). Cost: about 50 s on the loaded 2-core build machine when the first
 * comparison shows it.
 */
@Timeout(300)
class CompareIT extends LocalRunTest {
    private static final String GOSSIP = "gossip:w=1,r=1,read-from=r";

    CompareIT() {
        super("raft", 3);
    }

    private CommandRun compare() {
        List<String> args = new ArrayList<>(List.of("compare", "--store", store().toString(), "--nodes", "3", "--system", "raft",
                "--system", GOSSIP, "--expect", "raft=linearizable", "--workload", "register", "--workload-opt", "cas-percent=0",
                "--nemesis", "link", "--nemesis-interval", "3", "--rate", "300"));
        args.addAll(List.of(seeded(2, 15)));
        return faultline(args.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void raftKeepsLinearizabilityWhereTheGossipStoreReadsStaleDataAndEachVerdictLinksItsWitness() throws Exception {
        Compared compared = invalidWithin(3, store(), this::compare, 1, "staleness");
        CommandRun run = compared.run();
        Map<String, Object> comparison = compared.comparison();
        Path directory = store().resolve("compare/latest");

        Map<String, Object> raft = system(comparison, 0);
        assertThat(raft).containsEntry("label", "raft");
        assertLinearizable(raft);
        assertThat(run.out()).containsPattern("(?m)^raft +valid +valid").contains("expect raft keeps linearizable: yes")
                .contains("timing still differs");

        Map<String, Object> gossip = system(comparison, 1);
        assertThat(gossip).containsEntry("label", GOSSIP).containsEntry("target", "gossip");
        Map<String, Object> staleness = modelVerdict(gossip, "staleness");
        assertThat(staleness).as("the gossip store reads stale data in three attempts: %s", run.out()).containsEntry("valid", false);
        assertThat((String) gossip.get("strongest")).doesNotStartWith("linearizable").contains("stale reads");
        assertThat(modelVerdict(gossip, "linearizable")).containsEntry("valid", false);
        assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(GOSSIP) + " +INVALID");

        // The witness link: the first anomaly of the verdict in the run's report, which the run's results.json holds.
        Map<String, Object> witness = (Map<String, Object>) staleness.get("witness");
        String link = (String) witness.get("link");
        assertThat(link).endsWith("/report.html#anomaly-staleness-stale-read-0");
        Path report = directory.resolve(link.substring(0, link.indexOf('#'))).normalize();
        assertThat(report).isRegularFile().isEqualTo(directory.resolve((String) gossip.get("report")).normalize());
        Map<String, Object> results = JsonFiles.readMap(report.resolveSibling("results.json"));
        Map<String, Object> stored = ((List<Map<String, Object>>) results.get("checkers")).stream()
                .filter(verdict -> "staleness".equals(verdict.get("checker"))).findFirst().orElseThrow();
        Map<String, Object> first = ((List<Map<String, Object>>) stored.get("anomalies")).get(0);
        assertThat(witness).containsEntry("type", first.get("type")).containsEntry("explanation", first.get("explanation"))
                .containsEntry("ops", first.get("ops"));

        String page = Files.readString(directory.resolve("compare.html"));
        assertThat(page).contains(link.replace("&", "\\u0026"));
        String index = Files.readString(store().resolve("index.html"));
        assertThat(index).contains("raft-register/", "gossip-w-1-r-1-read-from-r-register/").doesNotContain("compare/");
    }
}
