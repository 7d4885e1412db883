package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.netns.HostCommands;
import dev.faultline.harness.netns.Net;
import dev.faultline.harness.netns.NetnsClusterLauncher;
import dev.faultline.harness.netns.NetnsLayout;
import dev.faultline.harness.netns.NetnsNetwork;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: netns mode end to end. The kernel (not the agents) cuts the links of a partition, silently,
 * and only while it is in force; the correct raft build stays valid while kernel partitions, agent
 * link faults and kills hit three nodes in namespaces of their own; a planted bug that needs a
 * partition is caught through a kernel partition; and no namespace, veth or bridge outlives a run.
 *
 * <p>Method: a TCP connect from one namespace to a closed port of another is refused (the peer is
 * reachable and answers with a reset) before the cut and after the heal, and times out during it;
 * the runs are the CLI in this JVM with {@code --netns}, their network read from
 * {@code nodes/netns.json} and looked for afterwards in {@code ip netns list} and {@code ip link}.
 * Skipped, with the reason, where network namespaces cannot be created (not root, no iproute2).
 *
 * <p>Cost: about 5 s for the direct test and two runs of 12 and 14 s plus start, final reads and
 * check (about 60-75 s together on the shared 2-core machine at load 20-35).
 */
@Timeout(240)
class NetnsRunIT extends LocalRunTest {
    private static final HostCommands HOST = new HostCommands();

    NetnsRunIT() {
        super("raft", 3);
    }

    @BeforeAll
    static void namespacesCanBeCreated() throws Exception {
        try {
            NetnsClusterLauncher.checkHost(HOST);
        } catch (UserInputException e) {
            System.err.println("NetnsRunIT skipped: " + e.getMessage());
            Assumptions.abort(e.getMessage());
        }
    }

    /** {@code faultline test --target raft --nodes 3 --netns OPTIONS}. */
    private CommandRun netnsTest(String... options) {
        List<String> all = new ArrayList<>(List.of("--netns"));
        all.addAll(List.of(options));
        return test(all);
    }

    /** Connects from {@code from}'s namespace to {@code address}:9, where nothing listens: "refused", "timeout" or another answer. */
    private static String connect(String namespace, String address) throws Exception {
        Process connect = new ProcessBuilder("ip", "netns", "exec", namespace, "bash", "-c",
                "timeout 2 bash -c 'echo > /dev/tcp/" + address + "/9' 2>&1; echo \"exit=$?\"").redirectErrorStream(true).start();
        String output = new String(connect.getInputStream().readAllBytes());
        connect.waitFor();
        return output.contains("refused") ? "refused" : output.contains("exit=124") ? "timeout" : output;
    }

    @Test
    void theKernelDropsAGrudgedSendersPacketsSilentlyUntilTheHeal() throws Exception {
        NetnsLayout layout = NetnsLayout.allocate(List.of("n1", "n2"), new SecureRandom(), List.of());
        try (NetnsNetwork network = NetnsNetwork.create(layout, HOST)) {
            String n1 = layout.node("n1").namespace();
            String n2Address = layout.node("n2").address();
            assertThat(connect(n1, n2Address)).as("before the cut").isEqualTo("refused");

            Net net = new Net(layout, HOST);
            Fault.Partition deafN2 = new Fault.Partition(PartitionShape.ONE_WAY,
                    PartitionShape.ONE_WAY.grudge(List.of("n2", "n1"), Optional.empty()));
            net.cut(deafN2);
            assertThat(connect(n1, n2Address)).as("during the cut: the SYN vanishes, no error comes back").isEqualTo("timeout");
            assertThat(HOST.run(List.of("tc", "-s", "qdisc", "show", "dev", layout.node("n2").hostVeth())))
                    .containsPattern("pfifo 10: parent 1:1 limit 0p\\s+Sent 0 bytes 0 pkt \\(dropped [1-9]");
            net.heal(deafN2);
            assertThat(connect(n1, n2Address)).as("after the heal").isEqualTo("refused");
        }
        assertNetworkGone(layout.bridge(), layout.nodes().stream().map(NetnsLayout.NetnsNode::namespace).toList());
    }

    @Test
    void theCorrectRaftBuildStaysValidUnderKernelPartitionsLinkFaultsAndKills() throws Exception {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.PARTITION, FaultKind.LINK, FaultKind.KILL);
        long seed = LocalRuns.seedCovering(kinds, 3, Duration.ofSeconds(2), Duration.ofSeconds(12));
        CommandRun run = netnsTest("--nemesis", "partition,link,kill", "--nemesis-interval", "2", "--time-limit", "12",
                "--seed", Long.toString(seed));

        assertThat(run.exitCode()).as("%s%n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("linearizable valid").contains("--netns");
        List<String> faults = Files.readAllLines(latest().resolve("faults.jsonl"));
        assertThat(faults).noneMatch(line -> line.contains("\"error\""));
        for (FaultKind kind : kinds) {
            assertThat(faults).anyMatch(line -> line.contains("\"action\":\"start\"") && line.contains("\"kind\":\"" + kind.cliName() + "\""));
        }
        assertRunNetworkGone(latest());
    }

    /**
     * The leader, cut off by the kernel, has its wall clock set back by its agent: trusting its lease
     * it keeps serving reads while the others elect a leader and take writes (RaftRunIT's run, here
     * with the partition in the kernel and the clock in the agent). The planted stale-read bug is
     * not the test here: followers' reads lag by a round trip, so it shows without any fault.
     */
    @Test
    void leaseWallclockIsCaughtThroughAKernelPartition() throws Exception {
        caughtWithin(3, "linearizable", "--netns", "--bug", "lease-wallclock", "--nemesis", "partition,clock",
                "--nemesis-targets", "leader", "--nemesis-interval", "3", "--time-limit", "14", "--concurrency", "15",
                "--rate", "150", "--workload-opt", "read-percent=90", "--request-timeout", "500", "--seed", "59");
        assertRunNetworkGone(latest());
    }

    @SuppressWarnings("unchecked")
    private static void assertRunNetworkGone(Path run) throws Exception {
        Map<String, Object> network = JsonFiles.readMap(run.resolve("nodes").resolve("netns.json"));
        List<String> namespaces = ((Map<String, Map<String, Object>>) network.get("nodes")).values().stream()
                .map(node -> (String) node.get("namespace")).toList();
        assertThat(namespaces).hasSize(3);
        assertNetworkGone((String) network.get("bridge"), namespaces);
    }

    private static void assertNetworkGone(String bridge, List<String> namespaces) throws IOException, InterruptedException {
        String runId = bridge.substring("fl-".length());
        assertThat(HOST.run(List.of("ip", "netns", "list"))).as("namespaces left").doesNotContain(namespaces);
        assertThat(HOST.run(List.of("ip", "-br", "link"))).as("bridge or veth left").doesNotContain(bridge, "fl" + runId);
    }
}
