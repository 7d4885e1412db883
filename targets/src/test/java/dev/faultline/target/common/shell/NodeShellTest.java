package dev.faultline.target.common.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.AgentRefusedException;
import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.nemesis.agent.NodeReport;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.TargetRegistry;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.ping.PingTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: the shell serves clients, obeys its agent and applies link faults on real loopback
 * sockets. Method: nodes in this JVM (the process-level tests, with kill -9, are the harness's
 * *IT classes); waits are bounded and generous for a loaded two-core machine.
 */
class NodeShellTest {
    private static final String TOKEN = "test-token";
    private static final long WAIT_MILLIS = 15_000;

    @TempDir
    Path dir;

    private final List<NodeShell<?, ?>> started = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        for (NodeShell<?, ?> shell : started) {
            shell.close();
        }
    }

    private NodeShell<?, ?> start(String node, Map<String, InetSocketAddress> peers, Protocol<?, ?> protocol)
            throws IOException {
        NodeConfig config = new NodeConfig(node, "test", peers, dir.resolve(node), "127.0.0.1", 0, NodeConfig.AGENT_HOST_DEFAULT, 0, TOKEN,
                NodeConfig.TICK_INTERVAL_MILLIS_DEFAULT, 1, 1_000, 1_000);
        NodeShell<?, ?> shell = NodeShell.start(config, protocol, cause -> { });
        started.add(shell);
        return shell;
    }

    private AgentClient agent(NodeShell<?, ?> shell, String token) {
        AgentClient agent = new AgentClient(shell.agentAddress(), token, 5_000);
        clients.add(agent);
        return agent;
    }

    private static Protocol<?, ?> memory() {
        return TargetRegistry.builtIn().find("memory").create(Set.of(), Map.of());
    }

    private static Map<String, InetSocketAddress> loopbackPeers(String... nodes) throws IOException {
        Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
        for (String node : nodes) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                peers.put(node, new InetSocketAddress("127.0.0.1", probe.getLocalPort()));
            }
        }
        return peers;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aMemoryNodeServesClientsAndReportsThroughItsAgent() throws Exception {
        NodeShell<?, ?> shell = start("n1", loopbackPeers("n1"), memory());
        KvClient client = new KvClient(shell.clientAddress(), 5_000);
        clients.add(client);
        assertThat(client.invoke(KvRequest.write("x", 1L, 1, 1), 5_000).isOk()).isTrue();
        assertThat(client.invoke(KvRequest.cas("x", 1L, 2L, 1, 2), 5_000).isOk()).isTrue();
        assertThat(client.invoke(KvRequest.cas("x", 1L, 3L, 1, 3), 5_000)).isEqualTo(KvReply.fail(KvErrors.CAS_MISMATCH));
        assertThat(client.invoke(KvRequest.read("x", 1, 4), 5_000)).isEqualTo(KvReply.ok(2L));

        AgentClient agent = agent(shell, TOKEN);
        await("the status shows both changes", () -> status(agent).status().appliedIndex() == 2);
        agent.powerLoss(true);
        agent.clockBump(60_000);
        NodeReport report = agent.status();
        assertThat(report.powerLoss()).isTrue();
        assertThat(report.clock().offsetMillis()).isEqualTo(60_000);
        assertThat(report.target()).isEqualTo("test");
        agent.clockReset();
        assertThat(agent.status().clock().offsetMillis()).isZero();
    }

    @Test
    void theAgentRefusesAWrongTokenAndUnknownPeersAndChangesNothing() throws Exception {
        NodeShell<?, ?> shell = start("n1", loopbackPeers("n1"), memory());
        AgentClient impostor = agent(shell, "not-the-token");
        assertThatThrownBy(() -> impostor.powerLoss(true))
                .isInstanceOf(AgentRefusedException.class).hasMessageContaining("bad token");
        assertThatThrownBy(impostor::status).isInstanceOf(AgentRefusedException.class);
        AgentClient agent = agent(shell, TOKEN);
        assertThat(agent.status().powerLoss()).isFalse();
        assertThatThrownBy(() -> agent.blockPeers(Set.of("n9"), Set.of()))
                .isInstanceOf(AgentRefusedException.class).hasMessageContaining("unknown peer n9");
        assertThat(agent.status().blocked().isNone()).isTrue();
    }

    @Test
    void aCoreThatThrowsStopsTheNodeAndReportsWhy() throws Exception {
        Protocol<Nothing, Nothing> broken = new Protocol<>() {
            @Override
            public Codec<Nothing> messageCodec() {
                return Nothing.CODEC;
            }

            @Override
            public Codec<Nothing> recordCodec() {
                return Nothing.CODEC;
            }

            @Override
            public Core<Nothing, Nothing> start(CoreContext context, List<Nothing> recovered) {
                return new Core<>() {
                    @Override
                    public void tick(ClockReading now) {}

                    @Override
                    public void receive(ClockReading now, String from, Nothing message) {}

                    @Override
                    public void request(ClockReading now, ClientRequest request) {
                        throw new IllegalStateException("invariant broken: " + request.request().key());
                    }

                    @Override
                    public Ready<Nothing, Nothing> ready() {
                        return Ready.empty();
                    }

                    @Override
                    public NodeStatus status() {
                        return NodeStatus.of("broken", 0, null, 0, 0, 0);
                    }
                };
            }
        };
        CompletableFuture<Throwable> fatal = new CompletableFuture<>();
        NodeConfig config = new NodeConfig("n1", "broken", loopbackPeers("n1"), dir.resolve("n1"), "127.0.0.1", 0, NodeConfig.AGENT_HOST_DEFAULT, 0,
                TOKEN, 10, 1, 100, 100);
        NodeShell<?, ?> shell = NodeShell.start(config, broken, fatal::complete);
        started.add(shell);
        KvClient client = new KvClient(shell.clientAddress(), 5_000);
        clients.add(client);
        KvReply reply = client.invoke(KvRequest.read("poison", 1, 1), WAIT_MILLIS);
        assertThat(reply.outcome()).isEqualTo(Outcome.INFO);
        assertThat(reply.error()).as("the crashed node drops its connections").isEqualTo(KvErrors.CONNECTION_LOST);
        assertThat(fatal.get(WAIT_MILLIS, TimeUnit.MILLISECONDS)).hasMessage("invariant broken: poison");
        KvClient late = new KvClient(shell.clientAddress(), 1_000);
        clients.add(late);
        // Nothing listens there any more: refused, or, when the kernel happens to pick the freed port
        // as the client's own ephemeral port, a TCP self-connection that reads back its own frame
        // (seen once in CI): lost. Either way no node answers.
        KvReply lateReply = late.invoke(KvRequest.read("x", 1, 2), 1_000);
        assertThat(lateReply.outcome()).isNotEqualTo(Outcome.OK);
        assertThat(lateReply.error()).isIn(KvErrors.CONNECTION_REFUSED, KvErrors.CONNECTION_LOST);
    }

    @Test
    void aPortInUseIsReportedAsSuch() throws Exception {
        Map<String, InetSocketAddress> peers = loopbackPeers("n1");
        start("n1", peers, memory());
        assertThatThrownBy(() -> start("n1", peers, memory()))
                .isInstanceOf(PortInUseException.class).hasMessageContaining("peer port " + peers.get("n1").getPort());
    }

    @Test
    void threeNodesPingEachOtherAndAgentsCutLinksBothWaysOneWayAndByLoss() throws Exception {
        Map<String, InetSocketAddress> peers = loopbackPeers("n1", "n2", "n3");
        Map<String, AgentClient> agents = new LinkedHashMap<>();
        for (String node : peers.keySet()) {
            agents.put(node, agent(start(node, peers, new PingTarget(1)), TOKEN));
        }
        await("every node hears every other", () -> peers.keySet().stream().allMatch(node ->
                peers.keySet().stream().filter(peer -> !peer.equals(node)).allMatch(peer -> heard(agents, node, peer) > 5)));

        // Symmetric: n1 blocks n2 both ways, so neither hears the other; n3 still hears both.
        agents.get("n1").apply(BlockPeers.both(Set.of("n2")));
        assertStalls(agents, "n2", "n1");
        assertStalls(agents, "n1", "n2");
        assertGrows(agents, "n3", "n1");
        assertThat(status(agents.get("n1")).peers().get("n2").droppedByFaults()).isPositive();

        // One way: n1 stops sending to n3 only; n1 still hears n3.
        agents.get("n1").apply(new BlockPeers(Set.of("n3"), Set.of()));
        assertGrows(agents, "n2", "n1");
        assertStalls(agents, "n3", "n1");
        assertGrows(agents, "n1", "n3");

        // Loss: everything n2 sends is lost.
        agents.get("n1").heal();
        agents.get("n2").linkFaults(LinkFaults.loss(1));
        assertStalls(agents, "n3", "n2");
        assertGrows(agents, "n3", "n1");

        agents.get("n2").heal();
        assertGrows(agents, "n3", "n2");
    }

    private static NodeReport status(AgentClient agent) {
        try {
            return agent.status();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Pings {@code node}'s core counted from {@code peer}. */
    private static long heard(Map<String, AgentClient> agents, String node, String peer) {
        Map<?, ?> heard = (Map<?, ?>) status(agents.get(node)).status().extra().get("heard");
        return (Long) ((Map<?, ?>) heard.get(peer)).get("received");
    }

    private static void assertGrows(Map<String, AgentClient> agents, String node, String peer) throws InterruptedException {
        long before = heard(agents, node, peer);
        await(node + " hears " + peer + " again", () -> heard(agents, node, peer) > before + 5);
    }

    /** Pings from {@code peer} stop arriving at {@code node} (after the in-flight ones land). */
    private static void assertStalls(Map<String, AgentClient> agents, String node, String peer) throws InterruptedException {
        Thread.sleep(200);
        long before = heard(agents, node, peer);
        Thread.sleep(500);
        assertThat(heard(agents, node, peer)).as("%s still hears %s", node, peer).isEqualTo(before);
    }
}
