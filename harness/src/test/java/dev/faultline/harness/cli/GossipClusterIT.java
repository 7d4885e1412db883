package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvOp;
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
 * Goal: three real {@code faultline node gossip} processes on 127.0.0.1 keep every acknowledged
 * write through the SIGKILL of a node, and the restarted node catches up by anti-entropy. Method:
 * writes of distinct keys (one writer per key, so the expected value is the last acknowledged one)
 * and set adds through every node; kill -9 n1; more writes through n2 and n3 (W = 2 still
 * reachable); every acknowledged write and add is read back through n2 and n3; n1 restarts on its
 * data directory and, with direct mail missed, its key count must reach everyone else's.
 */
class GossipClusterIT {
    private static final long WAIT_MILLIS = 60_000;
    private static final long TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dir;

    private NodeCluster cluster;
    private final Map<String, KvClient> clients = new LinkedHashMap<>();

    @AfterEach
    void stopEverything() {
        clients.values().forEach(KvClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private KvReply call(String node, KvRequest request) {
        return clients.computeIfAbsent(node, id -> new KvClient(cluster.node(id).client, 5_000))
                .invoke(request, TIMEOUT_MILLIS);
    }

    private void resetClient(String node) {
        KvClient stale = clients.remove(node);
        if (stale != null) {
            stale.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAcknowledgedWriteSurvivesTheKillOfANodeWhichThenCatchesUp() throws Exception {
        List<String> ids = List.of("n1", "n2", "n3");
        cluster = NodeCluster.start(dir, "gossip", ids, List.of("--target-opt", "anti-entropy-millis=200",
                "--target-opt", "rumor-millis=0"));
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        List<Long> added = new ArrayList<>();
        long sequence = 0;
        for (int i = 0; i < 60; i++) {
            String node = ids.get(i % ids.size());
            sequence++;
            if (call(node, KvRequest.write("k" + i, sequence, i, sequence)).isOk()) {
                acknowledged.put("k" + i, sequence);
            }
            if (call(node, new KvRequest(KvOp.ADD, "set", sequence, i, sequence)).isOk()) {
                added.add(sequence);
            }
        }
        assertThat(acknowledged).hasSize(60);

        cluster.node("n1").kill9();
        resetClient("n1");
        for (int i = 60; i < 90; i++) {
            String node = i % 2 == 0 ? "n2" : "n3";
            sequence++;
            assertThat(call(node, KvRequest.write("k" + i, sequence, i, sequence)).isOk()).as("W=2 of the two alive").isTrue();
            acknowledged.put("k" + i, sequence);
        }

        for (String node : List.of("n2", "n3")) {
            for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
                assertThat(call(node, KvRequest.read(write.getKey(), 99, 0)).value()).as("%s on %s", write.getKey(), node)
                        .isEqualTo(write.getValue());
            }
            assertThat((List<Object>) call(node, KvRequest.read("set", 99, 0)).value()).containsAll(added);
        }

        cluster.startNode("n1");
        long expectedKeys = keys("n2");
        Await.until("n1 holds every key again", WAIT_MILLIS, () -> keys("n1") == expectedKeys);
        assertThat(call("n1", KvRequest.read("k89", 99, 0)).value()).isEqualTo(acknowledged.get("k89"));
    }

    private long keys(String node) {
        try {
            return (Long) cluster.agent(node).status().status().extra().get("keys");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
