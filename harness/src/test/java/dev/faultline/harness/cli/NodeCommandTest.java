package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: every bad start of {@code faultline node} ends with one clear line and exit 254, and the
 * help lists every target with its bugs. Method: the command line in this JVM; only failing starts
 * are run here, since a good one runs until killed (see {@link MemoryNodeIT}).
 */
class NodeCommandTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    private int run(String... args) {
        return cli.run(args);
    }

    /** {@code node TARGET} with working defaults for every required option; {@code overrides} are option, value pairs. */
    private String[] node(String target, String... overrides) throws IOException {
        Path token = dir.resolve("token");
        Files.writeString(token, "secret\n");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--id", "n1");
        options.put("--data", dir.resolve("data").toString());
        options.put("--client-port", "0");
        options.put("--agent-port", "0");
        options.put("--agent-token-file", token.toString());
        for (int i = 0; i < overrides.length; i += 2) {
            options.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("node", target));
        options.forEach((option, value) -> args.addAll(List.of(option, value)));
        return args.toArray(String[]::new);
    }

    private void assertBadInput(int exit, String message) {
        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cli.err()).contains(message);
        assertThat(cli.err().lines().filter(line -> !line.startsWith("Try ")).count()).isEqualTo(1);
    }

    @Test
    void anUnknownTargetBugOrOptionIsBadInput() throws IOException {
        assertBadInput(run(node("etcd")), "unknown target 'etcd' (known: memory, ping, ");
        cli.clear();
        assertBadInput(run(node("memory", "--bug", "lazy")), "target memory has no bug 'lazy'");
        cli.clear();
        assertBadInput(run(node("memory", "--target-opt", "fast=yes")), "target memory has no option 'fast'");
        cli.clear();
        assertBadInput(run(node("gossip", "--target-opt", "w=4")), "target gossip: w=4 and r=1 must not exceed n=1");
        cli.clear();
        assertBadInput(run(node("gossip", "--target-opt", "n=2")), "target gossip: n=2 exceeds the cluster's 1 nodes");
    }

    @Test
    void aMissingTokenIsBadInput() throws IOException {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "  \n");
        assertBadInput(run(node("memory", "--agent-token-file", empty.toString())), "no agent token");
    }

    @Test
    void aPortInUseIsBadInput() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertBadInput(run(node("memory", "--client-port", Integer.toString(port))),
                    "client port " + port + " is already in use");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertBadInput(run(node("memory", "--data", file.resolve("data").toString())), "--data: cannot create");
    }

    @Test
    void badPeerListsAreBadInput() throws IOException {
        assertBadInput(run(node("ping", "--peers", "n2=127.0.0.1:7002")), "node n1 is not one of the peers [n2]");
        cli.clear();
        assertBadInput(run(node("ping", "--peers", "n1=127.0.0.1")), "is not ID=HOST:PORT");
    }

    @Test
    void helpListsEveryTargetWithItsBugsAndOptions() {
        assertThat(run("node", "--help")).isZero();
        assertThat(cli.out()).contains("memory:", "--bug ack-before-fsync", "--bug stale-read",
                "--target-opt durability=", "ping:", "FAULTLINE_AGENT_TOKEN");
    }
}
