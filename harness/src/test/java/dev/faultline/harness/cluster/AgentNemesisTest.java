package dev.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.AgentCodec;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.AgentResponse;
import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.nemesis.agent.PowerLoss;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the local nemesis turns the faults in force into each node's agent requests, against fake
 * agents on loopback that record what they are told (the nodes' processes are not started, so a
 * node counts as dead and a restart is only recorded).
 */
@Timeout(30)
class AgentNemesisTest {
    private static final List<String> NAMES = List.of("n1", "n2", "n3");

    private final Map<String, FakeAgent> fakes = new LinkedHashMap<>();
    private final Map<String, AgentClient> agents = new LinkedHashMap<>();
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final List<String> restarts = new ArrayList<>();
    private AgentNemesis nemesis;

    /** Answers every call with "applied" and keeps the requests. */
    private static final class FakeAgent implements AutoCloseable {
        final ServerSocket server;
        final List<AgentRequest> told = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        FakeAgent() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket socket = server.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                        OutputStream out = socket.getOutputStream()) {
                    String line;
                    while ((line = AgentCodec.readLine(in)) != null) {
                        told.add(AgentCodec.readCall(line).request());
                        out.write((AgentCodec.writeResponse(AgentResponse.applied("ok")) + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        List<AgentRequest> drain() {
            synchronized (told) {
                List<AgentRequest> copy = List.copyOf(told);
                told.clear();
                return copy;
            }
        }

        /**
         * Closes the listening socket and waits for the thread to leave accept: the JDK finishes
         * closing a socket only when the thread blocked on it returns, and until then a connection
         * could still be accepted and answered (0.6 % of runs of the test below, before the wait).
         */
        @Override
        public void close() throws IOException {
            server.close();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A node whose process never ran: the agents are the fakes above, so kill has nothing to stop and a pause nothing to signal. */
    private static final class NoProcess extends SignalledNode {
        NoProcess(String id) {
            super(id);
        }

        @Override
        public boolean isAlive() {
            return false;
        }

        @Override
        public long pid() {
            throw new IllegalStateException("node " + id + " has no process");
        }

        @Override
        public void start(long seed, Duration readyTimeout) {
            throw new UnsupportedOperationException("node " + id + " is not started in this test");
        }

        @Override
        public void kill() {
        }

        @Override
        protected void signal(String signal) throws IOException {
            throw new IOException("node " + id + " is not running");
        }

        @Override
        public void copyLogs(Path nodeDir) {
        }
    }

    private void start() throws IOException {
        for (String name : NAMES) {
            FakeAgent fake = new FakeAgent();
            fakes.put(name, fake);
            agents.put(name, new AgentClient(new InetSocketAddress(fake.server.getInetAddress(), fake.server.getLocalPort()),
                    "token", 5_000));
            nodes.put(name, new NoProcess(name));
        }
        nemesis = new AgentNemesis(nodes, agents, restarts::add, Duration.ZERO);
    }

    @AfterEach
    void stop() throws IOException {
        agents.values().forEach(AgentClient::close);
        for (FakeAgent fake : fakes.values()) {
            fake.close();
        }
    }

    private static BlockPeers blocks(Set<String> outbound, Set<String> inbound) {
        return new BlockPeers(outbound, inbound);
    }

    @Test
    void aPartitionIsCutAtBothEndsAndItsHealUndoesOnlyItself() throws Exception {
        start();
        Fault isolateN1 = new Fault.Partition(PartitionShape.ISOLATE_ONE,
                PartitionShape.ISOLATE_ONE.grudge(NAMES, Optional.empty()));
        Fault oneWay = new Fault.Partition(PartitionShape.ONE_WAY,
                PartitionShape.ONE_WAY.grudge(List.of("n3", "n1", "n2"), Optional.empty()));

        nemesis.start(isolateN1);
        Map<String, List<AgentRequest>> told = drainAll();
        assertThat(told.get("n1")).containsExactly(blocks(Set.of("n2", "n3"), Set.of("n2", "n3")));
        assertThat(told.get("n2")).containsExactly(blocks(Set.of("n1"), Set.of("n1")));

        nemesis.start(oneWay); // n3 stops hearing n1 and n2; they still hear n3
        told = drainAll();
        assertThat(told.get("n3")).containsExactly(blocks(Set.of("n1"), Set.of("n1", "n2")));
        assertThat(told.get("n2")).containsExactly(blocks(Set.of("n1", "n3"), Set.of("n1")));

        nemesis.heal(isolateN1);
        told = drainAll();
        assertThat(told.get("n1")).containsExactly(blocks(Set.of("n3"), Set.of()));
        assertThat(told.get("n3")).containsExactly(blocks(Set.of(), Set.of("n1", "n2")));

        nemesis.heal(oneWay);
        assertThat(drainAll().values()).allSatisfy(requests -> assertThat(requests).containsExactly(BlockPeers.NONE));
    }

    private Map<String, List<AgentRequest>> drainAll() {
        Map<String, List<AgentRequest>> told = new LinkedHashMap<>();
        fakes.forEach((name, fake) -> told.put(name, fake.drain()));
        return told;
    }

    @Test
    void clockChangesComposeAndAHealReappliesTheRest() throws Exception {
        start();
        Fault bump = new Fault.ClockFault(new ClockBump(500), new TreeSet<>(Set.of("n2")));
        Fault drift = new Fault.ClockFault(new ClockRate(0.5), new TreeSet<>(Set.of("n2")));
        nemesis.start(bump);
        nemesis.start(drift);
        assertThat(fakes.get("n2").drain()).containsExactly(new ClockBump(500), new ClockRate(0.5));
        nemesis.heal(bump);
        assertThat(fakes.get("n2").drain()).containsExactly(new ClockReset(), new ClockRate(0.5));
        nemesis.heal(drift);
        assertThat(fakes.get("n2").drain()).containsExactly(new ClockReset());
    }

    @Test
    void aLinkFaultIsSetAndClearedOnItsNodesOnly() throws Exception {
        start();
        Fault loss = new Fault.LinkFault(LinkFaults.loss(0.3), new TreeSet<>(Set.of("n1", "n3")));
        nemesis.start(loss);
        nemesis.heal(loss);
        assertThat(fakes.get("n1").drain()).containsExactly(LinkFaults.loss(0.3), LinkFaults.NONE);
        assertThat(fakes.get("n2").drain()).isEmpty();
    }

    @Test
    void aDeadNodeIsToldNothingAndGetsEveryFaultInForceWhenRestarted() throws Exception {
        start();
        Fault kill = new Fault.ProcessFault(FaultKind.POWER_LOSS, new TreeSet<>(Set.of("n3")));
        nemesis.start(kill);
        assertThat(fakes.get("n3").drain()).containsExactly(new PowerLoss(true));

        Fault isolateN3 = new Fault.Partition(PartitionShape.ISOLATE_LEADER,
                PartitionShape.ISOLATE_LEADER.grudge(NAMES, Optional.of("n3")));
        nemesis.start(isolateN3);
        assertThat(fakes.get("n3").drain()).as("dead").isEmpty();
        assertThat(fakes.get("n1").drain()).containsExactly(blocks(Set.of("n3"), Set.of("n3")));

        nemesis.heal(kill);
        assertThat(restarts).containsExactly("n3");
        assertThat(fakes.get("n3").drain()).containsExactly(blocks(Set.of("n1", "n2"), Set.of("n1", "n2")), LinkFaults.NONE,
                new ClockReset(), DiskFaults.NONE, new PowerLoss(false));
    }

    @Test
    void aSlowDiskIsSetClearedAndGivenBackToARestartedNode() throws Exception {
        start();
        Fault slow = new Fault.DiskFault(new DiskFaults(200, 100), new TreeSet<>(Set.of("n1", "n2")));
        nemesis.start(slow);
        assertThat(fakes.get("n1").drain()).containsExactly(new DiskFaults(200, 100));
        assertThat(fakes.get("n3").drain()).isEmpty();
        Fault kill = new Fault.ProcessFault(FaultKind.KILL, new TreeSet<>(Set.of("n2")));
        nemesis.start(kill);
        nemesis.heal(kill);
        assertThat(fakes.get("n2").drain()).endsWith(new DiskFaults(200, 100), new PowerLoss(false));
        nemesis.heal(slow);
        assertThat(fakes.get("n1").drain()).containsExactly(DiskFaults.NONE);
        nemesis.start(slow);
        nemesis.healAll();
        assertThat(fakes.get("n2").drain()).contains(new DiskFaults(200, 100), DiskFaults.NONE);
    }

    @Test
    void aFailureOnOneNodeIsReportedAfterTryingTheOthers() throws Exception {
        start();
        fakes.get("n2").close();
        agents.get("n2").close();
        Fault bump = new Fault.ClockFault(new ClockBump(-20), new TreeSet<>(Set.of("n1", "n2", "n3")));
        assertThatThrownBy(() -> nemesis.start(bump)).hasMessageStartingWith("start clock failed on n2: ");
        assertThat(fakes.get("n1").drain()).containsExactly(new ClockBump(-20));
        assertThat(fakes.get("n3").drain()).containsExactly(new ClockBump(-20));
    }

    @Test
    void partitionsAndLinkFaultsNeedPeers() throws Exception {
        start();
        assertThat(nemesis.supportedKinds()).contains(FaultKind.PARTITION, FaultKind.LINK);
        AgentNemesis single = new AgentNemesis(Map.of("n1", nodes.get("n1")), Map.of("n1", agents.get("n1")), restarts::add,
                Duration.ZERO);
        assertThat(single.supportedKinds()).containsExactlyInAnyOrder(FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLOCK,
                FaultKind.POWER_LOSS, FaultKind.DISK);
    }
}
