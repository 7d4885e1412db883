package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline check} with the linearizable checker: exit codes, JSON, the page, the bench. */
class CheckCommandTest {
    private static final String[] PORCUPINE = {"--model", "cas-register", "--failed-cas", "compare-failed"};

    private static String etcd(int number) {
        return CommandRun.corpus(String.format("porcupine/etcd/etcd_%03d.log", number)).toString();
    }

    private static String[] args(String[] options, String... rest) {
        String[] all = new String[options.length + rest.length + 1];
        all[0] = "check";
        System.arraycopy(options, 0, all, 1, options.length);
        System.arraycopy(rest, 0, all, 1 + options.length, rest.length);
        return all;
    }

    @Test
    void aLinearizableFileExitsZero() {
        CommandRun run = CommandRun.of(args(PORCUPINE, etcd(2)));
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo(etcd(2) + ": linearizable valid\n");
    }

    @Test
    void anyInvalidFileMakesTheExitCodeOne() {
        CommandRun run = CommandRun.of(args(PORCUPINE, etcd(2), etcd(0)));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(1)).startsWith(etcd(0) + ": linearizable INVALID: nonlinearizable: p11's read → 2");
    }

    @Test
    void aSearchThatRunsOutOfTimeExitsTwo(@TempDir Path directory) throws IOException {
        Path history = directory.resolve("big.jsonl");
        assertThat(CommandRun.of("generate", "--ops", "20000", "--processes", "10", "--seed", "4", "--out", history.toString())
                .exitCode()).isEqualTo(0);
        CommandRun run = CommandRun.of("check", "--time-limit", "0.000001", history.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("linearizable unknown (time limit of ");
    }

    @Test
    void badInputExits254WithOneLine(@TempDir Path directory) throws IOException {
        assertThat(CommandRun.of(args(new String[] {"--model", "stack"}, etcd(2))).exitCode()).isEqualTo(254);
        CommandRun unknownFunction = CommandRun.of(args(new String[] {"--model", "kv"}, etcd(2)));
        assertThat(unknownFunction.exitCode()).isEqualTo(254);
        assertThat(unknownFunction.err().strip()).startsWith("faultline: " + etcd(2) + ":").contains("model kv has no function 'cas'")
                .doesNotContain("\n");
        CommandRun badInitial = CommandRun.of(args(new String[] {"--initial", "[1,"}, etcd(2)));
        assertThat(badInitial.exitCode()).isEqualTo(254);
        assertThat(badInitial.err()).contains("--initial must be a JSON value");
        Path broken = directory.resolve("broken.jsonl");
        Files.writeString(broken, "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"ok\"\n");
        CommandRun malformed = CommandRun.of("check", broken.toString());
        assertThat(malformed.exitCode()).isEqualTo(254);
        assertThat(malformed.err()).contains(broken + ":2:");
        assertThat(CommandRun.of("check", directory.resolve("missing.jsonl").toString()).exitCode()).isEqualTo(254);
    }

    @Test
    void jsonPrintsOneResultPerFile() throws IOException {
        CommandRun run = CommandRun.of(args(PORCUPINE, "--json", etcd(2), etcd(0)));
        assertThat(run.exitCode()).isEqualTo(1);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(run.out().lines().toList().get(0));
        JsonNode second = json.readTree(run.out().lines().toList().get(1));
        assertThat(first.get("file").asText()).isEqualTo(etcd(2));
        assertThat(first.get("result").get("valid").asBoolean()).isTrue();
        assertThat(second.get("result").get("valid").asBoolean()).isFalse();
        JsonNode anomaly = second.get("result").get("anomalies").get(0);
        assertThat(anomaly.get("type").asText()).isEqualTo("nonlinearizable");
        assertThat(anomaly.get("data").get("prefix").isArray()).isTrue();
        assertThat(anomaly.get("data").get("finalPaths").get(0).get(0).has("illegal")).isTrue();
    }

    @Test
    void htmlWritesAPagePerFileWithViolations(@TempDir Path directory) throws IOException {
        CommandRun run = CommandRun.of(args(PORCUPINE, "--html", directory.toString(), etcd(0), etcd(2)));
        assertThat(run.exitCode()).isEqualTo(1);
        Path page = directory.resolve("etcd_000.log.html");
        assertThat(Files.readString(page)).contains("<svg").contains("nonlinearizable");
        assertThat(directory.resolve("etcd_002.log.html")).doesNotExist();
        assertThat(run.err()).contains("wrote " + page);
    }

    @Test
    void benchPrintsAMedianPerFileAndTheTotalLast() {
        CommandRun run = CommandRun.of(args(PORCUPINE, "--bench", "3", etcd(2), etcd(0)));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out().lines().toList().get(0)).matches(".*etcd_002.log: median \\d+\\.\\d{3} ms over 3 runs \\(true\\)");
        assertThat(run.out().lines().toList().get(2)).matches("bench total: \\d+\\.\\d{3} ms");
        assertThat(CommandRun.of(args(PORCUPINE, "--bench", "0", etcd(2))).exitCode()).isEqualTo(254);
    }

    @Test
    void helpStatesTheDefaults() {
        CommandRun run = CommandRun.of("check", "--help");
        assertThat(run.exitCode()).isEqualTo(0);
        String help = run.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--html").contains("--bench").contains("Default: absent").contains("Default: no-effect")
                .contains("Default for linearizable: auto").contains("--failed-cas compare-failed");
    }
}
