package dev.faultline.harness.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline test --nodes-file} refuses what cannot work before anything starts: one line
 * on standard error, exit 254, and no run in the store.
 */
@Timeout(60)
class SshTestCommandTest {
    @TempDir
    Path dir;

    private CommandRun test(Path nodesFile, String... more) throws Exception {
        Path jar = Files.writeString(dir.resolve("faultline.jar"), "not uploaded");
        List<String> args = new ArrayList<>(List.of("test", "--nodes-file", nodesFile.toString(), "--node-jar", jar.toString(),
                "--ssh-private-key", TestSshd.writePrivateKey(TestSshd.rsaKeyPair(), dir.resolve("id_rsa")).toString(),
                "--ssh-known-hosts", dir.resolve("known_hosts").toString(), "--store", dir.resolve("store").toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private void assertRefused(CommandRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(254);
        assertThat(run.err().strip()).isEqualTo("faultline: " + message);
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void anUnreachableHostIsNamedInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Path nodes = Files.writeString(dir.resolve("nodes.txt"), ("alice@127.0.0.1:" + closedPort + "\n").repeat(3));
        CommandRun run = test(nodes);
        assertRefused(run, "alice@127.0.0.1:" + closedPort + ": unreachable: java.net.ConnectException: Connection refused");
    }

    @Test
    void aLineThatIsNoHostIsNamedByFileAndLine() throws Exception {
        Path nodes = Files.writeString(dir.resolve("nodes.txt"), "# hosts\nvm1\nvm2:notaport\n");
        assertRefused(test(nodes), nodes + ":3: not a host of the form [user@]host[:port]: 'vm2:notaport'");
    }

    @Test
    void aNodeCountThatDisagreesWithTheNodesFileIsRefused() throws Exception {
        Path nodes = Files.writeString(dir.resolve("nodes.txt"), "vm1\nvm2\nvm3\n");
        assertRefused(test(nodes, "--nodes", "5"), "--nodes 5 but --nodes-file names 3 hosts");
    }

    @Test
    void aMissingJarIsRefusedBeforeAnyHostIsTouched() throws Exception {
        Path nodes = Files.writeString(dir.resolve("nodes.txt"), "vm1\nvm2\nvm3\n");
        assertRefused(CommandRun.of("test", "--nodes-file", nodes.toString(), "--node-jar", dir.resolve("none.jar").toString(),
                "--store", dir.resolve("store").toString()), "--node-jar: no such file: " + dir.resolve("none.jar"));
    }
}
