package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: three real {@code faultline node paxos} processes elect a leader, keep every acknowledged
 * write through a kill -9 of the leader under power-loss mode (so only fsynced records survive),
 * elect another, and bring the restarted node back up to date. Method: writes of unique keys
 * through whichever node leads; the leader is killed by PID; every acknowledged key is read back
 * through the new leader (reads go through the log); the killed node restarts from its data
 * directory and must catch up. Bounded: every wait ends within 60 s; every node is stopped by PID.
 */
class PaxosClusterIT {
    private static final List<String> IDS = List.of("n1", "n2", "n3");
    private static final long WAIT_MILLIS = 60_000;
    private static final long REQUEST_TIMEOUT_MILLIS = 5_000;

    @TempDir
    Path dir;

    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final List<NodeProcess> started = new ArrayList<>();
    private String peers;

    @AfterEach
    void killEveryNodeWeStarted() {
        // Each by its own PID; one that fails to die must not keep the others alive.
        started.forEach(NodeProcess::close);
    }

    private void start(String id) throws Exception {
        NodeProcess node = NodeProcess.start(dir.resolve(id + ".log"), "paxos", "--id", id, "--data",
                dir.resolve(id).toString(), "--peers", peers, "--client-port", "0", "--agent-port", "0");
        started.add(node);
        nodes.put(id, node);
        try (AgentClient agent = agent(id)) {
            agent.powerLoss(true);
        }
    }

    private AgentClient agent(String id) {
        return new AgentClient(nodes.get(id).agent, NodeProcess.TOKEN, 10_000);
    }

    private NodeStatus status(String id) {
        try (AgentClient agent = agent(id)) {
            return agent.status().status();
        } catch (IOException e) {
            return null;
        }
    }

    /** The node that says it leads and that a majority follows, or null. */
    private String leader() {
        for (String id : nodes.keySet()) {
            NodeStatus status = status(id);
            if (status != null && status.role().equals("leader")) {
                long followers = nodes.keySet().stream().map(this::status)
                        .filter(other -> other != null && id.equals(other.leader())).count();
                if (followers >= 2) {
                    return id;
                }
            }
        }
        return null;
    }

    private String awaitLeader() throws InterruptedException {
        String[] found = new String[1];
        Await.until("a leader is elected", WAIT_MILLIS, () -> (found[0] = leader()) != null);
        return found[0];
    }

    private KvReply call(String id, KvRequest request) {
        try (KvClient client = new KvClient(nodes.get(id).client, (int) REQUEST_TIMEOUT_MILLIS)) {
            return client.invoke(request, REQUEST_TIMEOUT_MILLIS);
        }
    }

    /** Writes {@code count} unique keys through the leader, following redirects; returns the acknowledged ones. */
    private List<Long> writeThroughLeader(long first, int count) throws InterruptedException {
        List<Long> acknowledged = new ArrayList<>();
        for (long value = first; value < first + count; value++) {
            KvReply reply = call(awaitLeader(), KvRequest.write("k" + value, value, 1, value));
            if (reply.isOk()) {
                acknowledged.add(value);
            }
        }
        return acknowledged;
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillingTheLeader() throws Exception {
        peers = NodeProcess.loopbackPeers(IDS);
        for (String id : IDS) {
            start(id);
        }
        List<Long> acknowledged = new ArrayList<>(writeThroughLeader(1, 40));
        assertThat(acknowledged).as("a stable cluster acknowledges writes").hasSizeGreaterThan(30);

        String killed = awaitLeader();
        nodes.remove(killed).kill9();
        String successor = awaitLeader();
        assertThat(successor).isNotEqualTo(killed);
        acknowledged.addAll(writeThroughLeader(1_000, 20));

        for (long value : acknowledged) {
            KvReply read = call(awaitLeader(), KvRequest.read("k" + value, 2, value));
            assertThat(read.isOk()).as("read of k%d: %s", value, read).isTrue();
            assertThat(read.value()).as("acknowledged write k%d", value).isEqualTo(value);
        }
        KvReply fromFollower = call(IDS.stream().filter(id -> nodes.containsKey(id) && !id.equals(successor)).findFirst()
                .orElseThrow(), KvRequest.read("k1", 2, 0));
        assertThat(fromFollower.error()).isEqualTo(KvErrors.NOT_LEADER);

        start(killed);
        String leader = awaitLeader();
        long leaderApplied = status(leader).appliedIndex();
        Await.until(killed + " catches up to slot " + leaderApplied, WAIT_MILLIS,
                () -> status(killed) != null && status(killed).appliedIndex() >= leaderApplied);
    }
}
