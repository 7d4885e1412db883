package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.harness.UserInputException;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.io.Histories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: {@link Reports#write} turns a stored run into one page that holds everything the run
 * stored, and says clearly what is wrong with a directory that is not a run. Method: a synthetic
 * run of 2,000 operations and hand-made directories; the page's embedded data is read back.
 */
class ReportsTest {
    private static final String DATA_START = "<script type=\"application/json\" id=\"report-data\">";

    @TempDir
    Path dir;

    static JsonNode embeddedData(Path report) throws Exception {
        String page = Files.readString(report);
        int start = page.indexOf(DATA_START) + DATA_START.length();
        return new ObjectMapper().readTree(page.substring(start, page.indexOf("</script>", start)));
    }

    @Test
    void thePageHoldsTheWholeRunAndTheStoreIndexListsIt() throws Exception {
        RunDirectory run = SyntheticRun.write(dir.resolve("store"), 2_000, 7);
        History history = Histories.read(run.history());

        Path report = Reports.write(run);

        String page = Files.readString(report);
        assertThat(page).doesNotContain("<!--@").contains("<style>").contains("function drawWitness")
                .doesNotContain("src=\"http").doesNotContain("href=\"http");
        JsonNode data = embeddedData(report);
        assertThat(data.get("ops").get("count").asInt()).isEqualTo(history.operations().size());
        assertThat(data.get("ops").get("start").size()).isEqualTo(history.operations().size());
        assertThat(data.get("checkers")).hasSize(4);
        assertThat(data.get("faults").size()).isEqualTo(
                (int) Files.readAllLines(run.faults()).stream().filter(line -> line.contains("\"start\"")).count());
        assertThat(data.get("roles").size()).isEqualTo(SyntheticRun.NODES.size());
        assertThat(data.get("keys").size()).isEqualTo(
                history.operations().stream().map(operation -> operation.key()).collect(Collectors.toSet()).size());
        JsonNode nonlinearizable = data.get("checkers").get(0).get("types").get(0).get("anomalies").get(0);
        assertThat(nonlinearizable.get("witness").get("problem").isNull()).isTrue();
        assertThat(nonlinearizable.get("witness").get("points").size()).isEqualTo(6 + 3);
        assertThat(data.get("run").get("valid").asText()).isEqualTo("false");

        String index = Files.readString(dir.resolve("store/index.html"));
        assertThat(index).contains("synthetic-kv/20260102-030405").contains("\"valid\":\"false\"");
    }

    private Path handMadeRun(String historyLines) throws Exception {
        Path run = dir.resolve("store/t/20260101-000000");
        Files.createDirectories(run);
        Files.writeString(run.resolve("test.json"), "{\"name\": \"t\", \"seed\": 1}");
        Files.writeString(run.resolve("history.jsonl"), historyLines);
        return run;
    }

    @Test
    void noValueCanEndTheScriptThatHoldsTheData() throws Exception {
        Path run = handMadeRun("{\"index\":0,\"time\":5,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":\"</script><b>x\"}\n"
                + "{\"index\":1,\"time\":9,\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":\"</script><b>x\"}\n");

        Path report = Reports.write(new RunDirectory(run));

        assertThat(Files.readString(report)).doesNotContain("</script><b>");
        assertThat(embeddedData(report).get("ops").get("value").get(0).asText()).isEqualTo("</script><b>x");
    }

    @Test
    void aRunThatWasNotCheckedStillGetsAPage() throws Exception {
        Path run = handMadeRun("{\"index\":0,\"time\":5,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n");

        JsonNode data = embeddedData(Reports.write(new RunDirectory(run)));

        assertThat(data.get("checked").asBoolean()).isFalse();
        assertThat(data.get("run").get("valid").asText()).isEqualTo("unchecked");
        assertThat(data.get("ops").get("outcome").get(0).asInt()).isEqualTo(OpTable.OPEN);
        assertThat(data.get("warnings").get(0).asText()).contains("never completed");
    }

    @Test
    void aDirectoryOutsideAStoreGetsNoIndexAbove() throws Exception {
        Path run = dir.resolve("a/b/copied-run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("test.json"), "{}");
        Files.writeString(run.resolve("history.jsonl"), "");

        Reports.write(new RunDirectory(run));

        assertThat(run.resolve("report.html")).exists();
        assertThat(dir.resolve("a/index.html")).doesNotExist();
    }

    @Test
    void whatIsNotARunIsSaidInOneLine() throws Exception {
        assertThatThrownBy(() -> Reports.write(new RunDirectory(dir.resolve("missing"))))
                .isInstanceOf(UserInputException.class).hasMessageEndingWith("missing: no such run directory");
        assertThatThrownBy(() -> Reports.write(new RunDirectory(dir)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("is not a run directory: it has no test.json");
        Path run = handMadeRun("");
        Files.delete(run.resolve("history.jsonl"));
        assertThatThrownBy(() -> Reports.write(new RunDirectory(run))).isInstanceOf(HistoryFormatException.class)
                .hasMessageEndingWith("history.jsonl: no such file");
    }

    @Test
    void aMalformedFileIsNamedWithItsLine() throws Exception {
        Path run = handMadeRun("");
        Files.writeString(run.resolve("faults.jsonl"), "{\"time\": 1, \"action\": \"heal-all\"}\n{\"time\": oops}\n");
        assertThatThrownBy(() -> Reports.write(new RunDirectory(run))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("faults.jsonl:2: not valid JSON");

        Files.delete(run.resolve("faults.jsonl"));
        Files.createDirectories(run.resolve("nodes/n1"));
        Files.writeString(run.resolve("nodes/n1/status.jsonl"), "[1, 2]\n");
        assertThatThrownBy(() -> Reports.write(new RunDirectory(run))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("status.jsonl:1: expected a JSON object");

        Files.writeString(run.resolve("nodes/n1/status.jsonl"), "");
        Files.writeString(run.resolve("history.jsonl"), "{\"index\": 0}\n");
        assertThatThrownBy(() -> Reports.write(new RunDirectory(run))).hasMessageContaining("history.jsonl:1");
    }
}
