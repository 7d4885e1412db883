package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cluster.StatusProbe;
import dev.faultline.harness.cluster.NodeCluster;
import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: a 5-node cluster of real {@code faultline node raft} processes keeps every acknowledged
 * write when its leader is killed with SIGKILL. Method: write unique values through a client that
 * follows redirects (retrying an indeterminate write with the same session sequence, which the
 * sessions deduplicate), kill the leader by PID, write more, then read every acknowledged write
 * back from the new leader; the old leader restarts and catches up. The cluster is the one
 * {@code faultline test} starts ({@link NodeCluster}): every process is stopped by its PID after
 * the test, also when it fails.
 */
class RaftClusterIT {
    private static final long WAIT_MILLIS = 60_000;
    private static final int WRITES_PER_PHASE = 50;

    @TempDir
    Path dir;

    private NodeCluster cluster;

    @AfterEach
    void killEveryNodeWeStarted() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesTheLeadersKill() throws Exception {
        List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
        cluster = (NodeCluster) new LocalClusterLauncher("raft", List.of(), Map.of(), 1).start(nodes, dir);
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        nodes.forEach(node -> addresses.put(node, cluster.clientAddress(node)));
        String leader = awaitLeader();
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        Fault kill = new Fault.ProcessFault(FaultKind.KILL, new TreeSet<>(List.of(leader)));
        try (LeaderClient client = new LeaderClient(addresses, 0, 2_000)) {
            write(client, 0, acknowledged);
            cluster.nemesis().start(kill);
            write(client, WRITES_PER_PHASE, acknowledged);
        }
        assertThat(acknowledged).as("writes before and after the kill were acknowledged").hasSize(2 * WRITES_PER_PHASE);

        String newLeader = awaitLeader();
        assertThat(newLeader).isNotEqualTo(leader);
        try (LeaderClient client = new LeaderClient(addresses, nodes.indexOf(newLeader), 2_000)) {
            long sequence = 1;
            for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
                KvReply read = client.invoke(KvRequest.read(write.getKey(), 2, sequence++), 10_000);
                assertThat(read).as("read of %s", write.getKey()).isEqualTo(KvReply.ok(write.getValue()));
            }
        }

        cluster.nemesis().heal(kill);
        StatusProbe probe = cluster.statusProbe().orElseThrow();
        long commitIndex = probe.status(newLeader).orElseThrow().commitIndex();
        Await.until(leader + " catches up to index " + commitIndex, WAIT_MILLIS,
                () -> probe.status(leader).map(status -> status.appliedIndex() >= commitIndex).orElse(false));
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

    /** Waits until exactly one live node believes it leads, and returns it. */
    private String awaitLeader() throws InterruptedException {
        AtomicReference<String> leader = new AtomicReference<>();
        Await.until("a leader is elected", WAIT_MILLIS, () -> {
            cluster.leader().ifPresent(leader::set);
            return leader.get() != null;
        });
        return leader.get();
    }
}
