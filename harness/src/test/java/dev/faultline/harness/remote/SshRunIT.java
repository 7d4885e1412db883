package dev.faultline.harness.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.local.FreePorts;
import dev.faultline.harness.local.LocalRuns;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.nemesis.FaultKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: {@code faultline test --nodes-file} runs a Raft cluster on SSH "hosts", applies kill and
 * partition faults there, collects the node logs, finds the run valid and leaves no node running.
 * Method: two embedded SSH servers on 127.0.0.1 stand for two hosts (the nodes file names the
 * first twice, so one host runs two nodes on their own peer ports); their commands run on this
 * machine, so the node processes are ordinary processes here, found afterwards by the PIDs in
 * their pid files and by their command lines, which name the run's remote directory.
 */
@Timeout(180)
class SshRunIT {
    private static final int NODES = 3;

    @TempDir
    Path dir;

    private final List<TestSshd> hosts = new ArrayList<>();

    @AfterEach
    void stopHostsAndAnyNodeLeft() throws IOException {
        for (TestSshd host : hosts) {
            host.close();
        }
        nodesStillRunning().forEach(ProcessHandle::destroyForcibly);
    }

    /** Processes whose command line names this test's remote directory: node processes of its runs. */
    private List<ProcessHandle> nodesStillRunning() {
        String remote = dir.resolve("remote").toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(remote)).toList();
    }

    @Test
    void aRaftClusterOnSshHostsTakesKillsAndPartitionsAndEndsValidWithNothingLeft() throws Exception {
        KeyPair user = TestSshd.rsaKeyPair();
        Path key = TestSshd.writePrivateKey(user, dir.resolve("id_rsa"));
        List<String> knownHosts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TestSshd host = TestSshd.start();
            host.authorize(user.getPublic());
            hosts.add(host);
            knownHosts.add(host.knownHostsLine());
        }
        Path knownHostsFile = Files.write(dir.resolve("known_hosts"), knownHosts);
        Path nodesFile = Files.write(dir.resolve("nodes.txt"), List.of("# two hosts, the first runs n1 and n3",
                "127.0.0.1:" + hosts.get(0).port(), TestSshd.USER + "@127.0.0.1:" + hosts.get(1).port(), "127.0.0.1:" + hosts.get(0).port()));
        Set<FaultKind> kinds = EnumSet.of(FaultKind.KILL, FaultKind.PARTITION);
        long seed = LocalRuns.seedCovering(kinds, NODES, Duration.ofSeconds(2), Duration.ofSeconds(12));

        CommandRun run = CommandRun.of("test", "--target", "raft", "--nodes-file", nodesFile.toString(), "--username", TestSshd.USER,
                "--ssh-private-key", key.toString(), "--ssh-known-hosts", knownHostsFile.toString(),
                "--remote-dir", dir.resolve("remote").toString(), "--peer-port", Integer.toString(FreePorts.consecutive(NODES)),
                "--node-jar", System.getProperty("faultline.jar"), "--workload", "register", "--nemesis", "kill,partition",
                "--nemesis-interval", "2", "--time-limit", "12", "--rate", "50", "--request-timeout", "1000",
                "--seed", Long.toString(seed), "--store", dir.resolve("store").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path stored = dir.resolve("store/latest");
        assertThat(JsonFiles.readMap(stored.resolve("results.json"))).containsEntry("valid", true);
        List<String> faults = Files.readAllLines(stored.resolve("faults.jsonl"));
        assertThat(faults).noneMatch(line -> line.contains("\"error\""));
        for (FaultKind kind : kinds) {
            assertThat(faults).as(kind.cliName()).anyMatch(line -> line.contains("\"start\"") && line.contains("\"" + kind.cliName() + "\""));
        }
        for (String node : List.of("n1", "n2", "n3")) {
            assertThat(Files.readString(stored.resolve("nodes/" + node + "/node.log"))).as(node + "'s log, copied back")
                    .contains("event=started");
        }
        for (Path pidFile : pidFiles()) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(running(pid)).as("the node of " + pidFile + " (pid " + pid + ") runs").isFalse();
        }
        assertThat(pidFiles()).hasSize(NODES);
        assertThat(nodesStillRunning()).as("node processes left running").isEmpty();
        assertThat(run.out()).contains("reproduce with: faultline test");
    }

    /**
     * Whether a process runs: a zombie does not. A node started with nohup is inherited by init
     * when its shell exits, and init may reap it a moment after the kill that the remote waited for.
     */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
        }
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    private List<Path> pidFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("remote"))) {
            return files.filter(file -> file.getFileName().toString().equals("node.pid")).toList();
        }
    }
}
