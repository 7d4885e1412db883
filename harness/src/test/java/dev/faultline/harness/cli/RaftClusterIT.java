package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: a 5-node cluster of real {@code faultline node raft} processes keeps every acknowledged
 * write when its leader is killed with SIGKILL. Method: write unique values through a client that
 * follows redirects (retrying an indeterminate write with the same session sequence, which the
 * sessions deduplicate), kill the leader by PID, write more, then read every acknowledged write
 * back from the new leader; the old leader restarts and catches up. Every process is stopped by PID
 * after the test, also when it fails.
 */
class RaftClusterIT {
    private static final long WAIT_MILLIS = 60_000;
    private static final int WRITES_PER_PHASE = 50;

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void killEveryNodeWeStarted() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesTheLeadersKill() throws Exception {
        cluster = LocalCluster.start(NodeProcess.launcher(), "raft", 5, List.of(), dir, NodeProcess.TOKEN);
        String leader = awaitLeader(cluster.ids());
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        try (LeaderClient client = new LeaderClient(cluster.clientAddresses(), 0, 2_000)) {
            write(client, 0, acknowledged);
            cluster.kill(leader);
            write(client, WRITES_PER_PHASE, acknowledged);
        }
        assertThat(acknowledged).as("writes before and after the kill were acknowledged").hasSize(2 * WRITES_PER_PHASE);

        List<String> survivors = cluster.ids().stream().filter(id -> !id.equals(leader)).toList();
        String newLeader = awaitLeader(survivors);
        assertThat(newLeader).isNotEqualTo(leader);
        try (LeaderClient client = new LeaderClient(cluster.clientAddresses(), survivors.indexOf(newLeader), 2_000)) {
            long sequence = 1;
            for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
                KvReply read = client.invoke(KvRequest.read(write.getKey(), 2, sequence++), 10_000);
                assertThat(read).as("read of %s", write.getKey()).isEqualTo(KvReply.ok(write.getValue()));
            }
        }

        cluster.restart(leader);
        long commitIndex = status(newLeader).commitIndex();
        Await.until(leader + " catches up to index " + commitIndex, WAIT_MILLIS,
                () -> statusOrNull(leader) != null && statusOrNull(leader).appliedIndex() >= commitIndex);
    }

    /** Writes keys k{from}..k{from+49}, each retried until acknowledged (same sequence: sessions deduplicate). */
    private static void write(LeaderClient client, int from, Map<String, Long> acknowledged) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        for (int i = from; i < from + WRITES_PER_PHASE; i++) {
            KvRequest write = KvRequest.write("k" + i, (long) i, 1, i + 1);
            KvReply reply = client.invoke(write, 5_000);
            while (reply.outcome() != Outcome.OK) {
                assertThat(System.nanoTime()).as("write k%d acknowledged in time (last: %s)", i, reply).isLessThan(deadline);
                Thread.sleep(100);
                reply = client.invoke(write, 5_000);
            }
            acknowledged.put("k" + i, (long) i);
        }
    }

    /** Waits until one of {@code candidates} reports itself leader and returns it. */
    private String awaitLeader(List<String> candidates) throws InterruptedException {
        String[] leader = new String[1];
        Await.until("one of " + candidates + " leads", WAIT_MILLIS, () -> {
            for (String id : candidates) {
                NodeStatus status = statusOrNull(id);
                if (status != null && status.role().equals("leader")) {
                    leader[0] = id;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    private NodeStatus status(String id) throws IOException {
        try (AgentClient agent = new AgentClient(cluster.node(id).agent, NodeProcess.TOKEN, 5_000)) {
            return agent.status().status();
        }
    }

    private NodeStatus statusOrNull(String id) {
        try {
            return cluster.node(id) == null ? null : status(id);
        } catch (IOException e) {
            return null;
        }
    }
}
