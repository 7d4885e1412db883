package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline generate}: the same seed gives the same file; the simulated store is
 * linearizable; an injected violation is found, at the event the generator reports.
 */
class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameSeedGivesTheSameHistory(@TempDir Path directory) throws IOException {
        Path first = directory.resolve("first.jsonl");
        Path second = directory.resolve("second.jsonl");
        String[] options = {"--ops", "2000", "--keys", "3", "--cas", "--crash-rate", "0.05", "--seed", "11"};
        assertThat(CommandRun.of(concat("generate", options, "--out", first.toString())).exitCode()).isEqualTo(0);
        assertThat(CommandRun.of(concat("generate", options, "--out", second.toString())).exitCode()).isEqualTo(0);
        assertThat(Files.readString(first)).isEqualTo(Files.readString(second)).contains("\"key\":2").contains("\"f\":\"cas\"")
                .contains("\"type\":\"info\"");
        assertThat(Files.readAllLines(first)).hasSize(4000);
    }

    @Test
    void theSimulatedStoreIsLinearizable(@TempDir Path directory) {
        for (String[] options : new String[][] {
                {"--ops", "3000", "--unique-values", "--crash-rate", "0.05"},
                {"--ops", "3000", "--keys", "20", "--cas", "--crash-rate", "0.05"},
                {"--ops", "3000", "--cas", "--value-range", "3", "--processes", "5"}}) {
            Path history = directory.resolve("history.jsonl");
            assertThat(CommandRun.of(concat("generate", options, "--out", history.toString())).exitCode()).isEqualTo(0);
            CommandRun check = CommandRun.of("check", "--model", "cas-register", history.toString());
            assertThat(check.exitCode()).as(String.join(" ", options) + ": " + check.out()).isEqualTo(0);
        }
    }

    @Test
    void injectedViolationsAreFound(@TempDir Path directory) throws IOException {
        for (String[] options : new String[][] {
                {"--ops", "3000", "--unique-values", "--crash-rate", "0.03", "--violation", "stale-read"},
                {"--ops", "3000", "--unique-values", "--cas", "--crash-rate", "0.03", "--violation", "stale-read"},
                {"--ops", "3000", "--crash-rate", "0.05", "--violation", "phantom-read"}}) {
            Path history = directory.resolve("history.jsonl");
            CommandRun generate = CommandRun.of(concat("generate", options, "--out", history.toString()));
            assertThat(generate.exitCode()).isEqualTo(0);
            int injectedAt = Integer.parseInt(generate.err().replaceAll("(?s).*at event index (\\d+).*", "$1").strip());
            CommandRun check = CommandRun.of("check", "--model", "cas-register", "--json", history.toString());
            assertThat(check.exitCode()).as(String.join(" ", options)).isEqualTo(1);
            JsonNode anomaly = JSON.readTree(check.out()).get("result").get("anomalies").get(0);
            List<String> events = Files.readAllLines(history);
            JsonNode stuck = JSON.readTree(events.get(anomaly.get("data").get("op").asInt()));
            JsonNode injected = JSON.readTree(events.get(injectedAt));
            assertThat(stuck.get("type").asText()).isEqualTo("invoke");
            assertThat(stuck.get("f").asText()).isEqualTo("read");
            assertThat(stuck.get("process")).as("the witness names the injected read").isEqualTo(injected.get("process"));
        }
    }

    @Test
    void badOptionsExit254() {
        assertThat(CommandRun.of("generate", "--violation", "stale-read", "--out", "-").exitCode()).isEqualTo(254);
        assertThat(CommandRun.of("generate", "--violation", "lost", "--out", "-").exitCode()).isEqualTo(254);
        assertThat(CommandRun.of("generate", "--keys", "0", "--out", "-").exitCode()).isEqualTo(254);
    }

    private static String[] concat(String first, String[] middle, String... last) {
        String[] all = new String[1 + middle.length + last.length];
        all[0] = first;
        System.arraycopy(middle, 0, all, 1, middle.length);
        System.arraycopy(last, 0, all, 1 + middle.length, last.length);
        return all;
    }
}
