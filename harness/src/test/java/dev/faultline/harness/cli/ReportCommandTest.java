package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.report.SyntheticRun;
import dev.faultline.harness.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goal: {@code faultline report} writes the page and fails in one line, exit 254, on anything that is not a run. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    @Test
    void writesTheReportAndTheIndex() throws Exception {
        RunDirectory run = SyntheticRun.write(dir.resolve("store"), 200, 3);

        assertThat(cli.run("report", run.path().toString())).as(cli.err()).isZero();

        assertThat(cli.out().strip()).isEqualTo(run.report().toString());
        assertThat(run.report()).isRegularFile();
        assertThat(dir.resolve("store/index.html")).isRegularFile();
    }

    @Test
    void aDirectoryThatIsNotARunIsOneLineAndExit254() throws Exception {
        assertThat(cli.run("report", dir.resolve("nothing").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("faultline: " + dir.resolve("nothing") + ": no such run directory" + System.lineSeparator());

        cli.clear();
        Files.writeString(dir.resolve("test.json"), "{not json");
        assertThat(cli.run("report", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).startsWith("faultline: " + dir.resolve("test.json") + ": not valid JSON").hasLineCount(1);

        cli.clear();
        Files.writeString(dir.resolve("test.json"), "{}");
        assertThat(cli.run("report", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("faultline: " + dir.resolve("history.jsonl") + ": no such file" + System.lineSeparator());
    }

    @Test
    void helpDescribesThePage() {
        assertThat(cli.run("report", "--help")).isZero();
        assertThat(cli.out().replaceAll("\\s+", " ")).contains("RUN_DIR").contains("self-contained").contains("STORE/index");
    }
}
