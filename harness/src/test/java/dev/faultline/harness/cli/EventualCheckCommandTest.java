package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline check --checker convergence|staleness} end to end: files in, verdict lines and exit codes out. */
class EventualCheckCommandTest {
    @TempDir
    Path directory;

    /** Two acknowledged adds; node n2's final read lacks element 2. */
    private static final String LOST_ADD = """
            {"index":0,"time":1000,"process":0,"type":"invoke","f":"add","value":1}
            {"index":1,"time":2000,"process":0,"type":"ok","f":"add","value":1}
            {"index":2,"time":3000,"process":0,"type":"invoke","f":"add","value":2}
            {"index":3,"time":4000,"process":0,"type":"ok","f":"add","value":2}
            {"index":4,"time":5000,"process":"nemesis","type":"info","f":"heal"}
            {"index":5,"time":6000,"process":1,"type":"invoke","f":"read","value":null,"final":true}
            {"index":6,"time":7000,"process":1,"type":"ok","f":"read","value":[1,2],"node":"n1","final":true}
            {"index":7,"time":8000,"process":2,"type":"invoke","f":"read","value":null,"final":true}
            {"index":8,"time":9000,"process":2,"type":"ok","f":"read","value":[1],"node":"n2","final":true}
            """;

    private final CapturedCli cli = new CapturedCli();

    private String file(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void aLostAddIsInvalidWithItsWitness() throws IOException {
        String history = file("set.jsonl", LOST_ADD);

        int exitCode = cli.run("check", "--checker", "convergence", "--model", "set", history);

        assertThat(exitCode).isEqualTo(1);
        assertThat(cli.out()).startsWith(history + ": convergence INVALID: ")
                .contains("the acknowledged add of 2 (op 2, acknowledged at op 3) is missing from the final read of n2 (op 8)")
                .contains("(and 1 more)");
    }

    @Test
    void jsonOutputCarriesTheStatistics() throws IOException {
        int exitCode = cli.run("check", "--checker", "convergence", "--json", file("set.jsonl", LOST_ADD));

        assertThat(exitCode).isEqualTo(1);
        assertThat(cli.out()).contains("\"checker\":\"convergence\"").contains("\"valid\":false")
                .contains("\"anomalyCounts\":{\"divergent\":1,\"lost\":1}").contains("\"healTime\":5000");
    }

    @Test
    void aFreshRegisterIsValidForStaleness() throws IOException {
        String history = file("register.jsonl", """
                {"process":0,"type":"invoke","f":"write","key":"x","value":1}
                {"process":0,"type":"ok","f":"write","key":"x","value":1}
                {"process":1,"type":"invoke","f":"read","key":"x","value":null}
                {"process":1,"type":"ok","f":"read","key":"x","value":1,"node":"n2"}
                """);

        int exitCode = cli.run("check", "--checker", "staleness", history);

        assertThat(exitCode).isZero();
        assertThat(cli.out()).isEqualTo(history + ": staleness valid" + "\n");
    }

    @Test
    void aModelConvergenceDoesNotKnowIsBadInput() throws IOException {
        int exitCode = cli.run("check", "--checker", "convergence", "--model", "queue", file("set.jsonl", LOST_ADD));

        assertThat(exitCode).isEqualTo(254);
        assertThat(cli.err()).isEqualTo("faultline: --model must be one of set, counter, register, was queue"
                + "\n");
    }

    @Test
    void aFinalReadWithoutANodeIsUnknown() throws IOException {
        String history = file("nonode.jsonl", """
                {"process":0,"type":"invoke","f":"write","value":1}
                {"process":0,"type":"ok","f":"write","value":1}
                {"process":1,"type":"invoke","f":"read","value":null,"final":true}
                {"process":1,"type":"ok","f":"read","value":1,"final":true}
                """);

        int exitCode = cli.run("check", "--checker", "convergence", "--model", "register", history);

        assertThat(exitCode).isEqualTo(2);
        assertThat(cli.out()).contains("convergence unknown (the final read at op 2 names no node");
    }
}
