package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's exit codes and one-line errors, and the convert and stats commands end to end. */
class CliTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    private int run(String... args) {
        return cli.run(args);
    }

    private static Path corpus(String relative) {
        return Path.of(System.getProperty("faultline.corpus")).resolve(relative);
    }

    @Test
    void anUnknownOptionExits254WithOneLineAndAHint() {
        assertThat(run("stats", "--bogus", "x")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).isEqualTo("faultline: Unknown option: '--bogus'\nTry 'faultline stats --help'.\n");
    }

    @Test
    void aMissingSubcommandIsBadInput() {
        assertThat(run()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).startsWith("faultline: a subcommand is required");
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(run("--help")).isZero();
        assertThat(cli.out()).contains("convert").contains("stats").contains("check").contains("Exit codes");
        assertThat(run("--version")).isZero();
        assertThat(cli.out()).contains("faultline ").contains("(commit ");
    }

    @Test
    void convertsAJepsenLogToJsonLinesEventForEvent() throws IOException {
        Path target = dir.resolve("out.jsonl");
        assertThat(run("convert", corpus("porcupine/etcd/etcd_000.log").toString(), target.toString())).isZero();
        assertThat(Files.readAllLines(target)).hasSize(170)
                .first().isEqualTo("{\"index\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}");
    }

    @Test
    void aMalformedInputExits254NamingFileAndLineAndWritesNothing() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n");
        Path target = dir.resolve("out.jsonl");

        assertThat(run("convert", bad.toString(), target.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("faultline: " + bad
                + ":2: process 0 invoked read while its read invoked at line 1 has not completed");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("out.jsonl.partial")).doesNotExist();
    }

    @Test
    void anUnknownFormatIsBadInput() {
        assertThat(run("stats", "--format", "xml", "x")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains("unknown --format xml (expected auto, jsonl, edn, jepsen-log, porcupine-kv)");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThat(run("stats", dir.resolve("absent.jsonl").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).endsWith("absent.jsonl: no such file\n");
    }

    @Test
    void statsCountsOperationsByFunctionAndOutcome() {
        assertThat(run("stats", corpus("porcupine/etcd/etcd_000.log").toString())).isZero();
        assertThat(cli.out())
                .contains("events            170 (0 nemesis)")
                .containsPattern("cas\\s+6\\s+20\\s+9\\s+35")
                .contains("concurrency max   5")
                .contains("crashed (info)    16 (0 never completed)");
    }

    @Test
    void anUnknownCheckerIsBadInput() {
        assertThat(run("check", "--checker", "nonsense", corpus("porcupine/etcd/etcd_000.log").toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).startsWith("faultline: unknown checker nonsense");
    }
}
