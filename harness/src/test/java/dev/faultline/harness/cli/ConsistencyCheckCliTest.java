package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline check} with the causal, session and sequential checkers, and {@code faultline bench checker}. */
class ConsistencyCheckCliTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    private int run(String... args) {
        return cli.run(args);
    }

    /** P1 writes x=1 then y=1; P2 reads y=1 then x=nil: the photo-before-message anomaly. */
    private Path photoBeforeMessage() throws IOException {
        Path file = dir.resolve("photo.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"x\",\"value\":1}",
                "{\"process\":1,\"type\":\"ok\",\"f\":\"write\",\"key\":\"x\",\"value\":1}",
                "{\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"key\":\"y\",\"value\":1}",
                "{\"process\":1,\"type\":\"ok\",\"f\":\"write\",\"key\":\"y\",\"value\":1}",
                "{\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"y\",\"value\":null}",
                "{\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"key\":\"y\",\"value\":1}",
                "{\"process\":2,\"type\":\"invoke\",\"f\":\"read\",\"key\":\"x\",\"value\":null}",
                "{\"process\":2,\"type\":\"ok\",\"f\":\"read\",\"key\":\"x\",\"value\":null}") + "\n");
        return file;
    }

    @Test
    void theCausalCheckerPrintsTheWitnessAndExitsOne() throws IOException {
        Path file = photoBeforeMessage();

        assertThat(run("check", "--checker", "causal", "--consistency", "ccv", file.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.out()).isEqualTo(file + ": causal INVALID: WriteCOInitRead: P1 wrote x=1 then y=1; "
                + "P2 read y=1 then x=nil: P2 read the initial x=nil although the write of x=1 was in its causal past\n");
    }

    @Test
    void jsonResultsCarryThePatternTheOperationsAndTheChainOfRelations() throws IOException {
        Path file = photoBeforeMessage();

        assertThat(run("check", "--checker", "causal", "--json", file.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.out())
                .contains("\"type\":\"WriteCOInitRead\"")
                .contains("\"ops\":[1,7,3,5]")
                .contains("\"steps\":[{\"from\":1,\"to\":3,\"rel\":\"po\"},{\"from\":3,\"to\":5,\"rel\":\"rf\"},{\"from\":5,\"to\":7,\"rel\":\"po\"}]");
    }

    @Test
    void sessionAndSequentialRunByName() throws IOException {
        Path file = photoBeforeMessage();

        assertThat(run("check", "--checker", "session", "--guarantees", "pram", file.toString())).isEqualTo(ExitCodes.VALID);
        assertThat(run("check", "--checker", "sequential", "--scope", "per-key", file.toString())).isEqualTo(ExitCodes.VALID);
        assertThat(run("check", "--checker", "sequential", file.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.out()).contains("session valid").contains("sequential valid")
                .contains("sequential INVALID: WriteCOInitRead");
    }

    @Test
    void aHistoryOutsideTheCheckersAssumptionsIsUnknown() throws IOException {
        Path file = dir.resolve("twice.jsonl");
        Files.writeString(file, "{\"process\":1,\"type\":\"invoke\",\"f\":\"write\",\"value\":3}\n"
                + "{\"process\":1,\"type\":\"ok\",\"f\":\"write\",\"value\":3}\n"
                + "{\"process\":2,\"type\":\"invoke\",\"f\":\"write\",\"value\":3}\n"
                + "{\"process\":2,\"type\":\"ok\",\"f\":\"write\",\"value\":3}\n");

        assertThat(run("check", "--checker", "causal", file.toString())).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(cli.out()).contains("causal unknown (the history is not differentiated: " + file + ":1 and line 3 both write 3");
    }

    @Test
    void aBadConsistencyOrGuaranteeIsBadInput() throws IOException {
        Path file = photoBeforeMessage();

        assertThat(run("check", "--checker", "causal", "--consistency", "strong", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--consistency must be one of cc, ccv, cm, was strong");
        assertThat(run("check", "--checker", "session", "--guarantees", "ryw,xyz", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("--guarantees takes ryw, mr, mw, wfr or pram, comma-separated; got xyz");
    }

    @Test
    void theBenchmarkGeneratesAHistoryAndTimesTheChecker() {
        assertThat(run("bench", "checker", "--checker", "causal", "--consistency", "cm", "--ops", "2000",
                "--processes", "5", "--stale-read-probability", "0.05", "--runs", "1")).isZero();
        assertThat(cli.out()).startsWith("generated register: 2000 operations, 5 processes, 10 keys in flight, seed 1")
                .contains("run 1: causal ").contains("valid=false");
    }
}
