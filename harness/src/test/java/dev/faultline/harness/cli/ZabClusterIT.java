package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.NodeStatus;
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
 * Goal: three real {@code faultline node zab} processes on 127.0.0.1 elect a leader, and every
 * acknowledged write survives killing that leader with SIGKILL while every node is in power-loss
 * mode (so only fsynced records survive a kill); a new leader takes over, and the killed node
 * restarts from its disk and catches up. Method: unique keys written through every node, the
 * leader killed by PID, more writes, the node restarted, then a sync and a read of every key on
 * every node. Every process started is killed by its PID after the test, also on failure.
 * Cost: about 10 s (four JVM starts).
 */
class ZabClusterIT {
    private static final long WAIT_MILLIS = 30_000;
    private static final long REQUEST_TIMEOUT_MILLIS = 5_000;
    private static final List<String> IDS = List.of("n1", "n2", "n3");

    @TempDir
    Path dir;

    private final List<NodeProcess> started = new ArrayList<>();
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final Map<String, AgentClient> agents = new LinkedHashMap<>();
    private final Map<String, KvClient> clients = new LinkedHashMap<>();
    private String peers;

    @AfterEach
    void killEveryNodeWeStarted() {
        clients.values().forEach(KvClient::close);
        agents.values().forEach(AgentClient::close);
        // Each by its own PID; one that fails to die must not keep the others alive.
        started.forEach(NodeProcess::close);
    }

    private void start(String id) throws Exception {
        NodeProcess node = NodeProcess.start(dir.resolve(id + ".log"), "zab", "--id", id, "--data",
                dir.resolve(id).toString(), "--peers", peers, "--client-port", "0", "--agent-port", "0");
        started.add(node);
        nodes.put(id, node);
        agents.put(id, new AgentClient(node.agent, NodeProcess.TOKEN, 10_000));
        clients.put(id, new KvClient(node.client, 5_000));
    }

    private NodeStatus status(String id) {
        try {
            return agents.get(id).status().status();
        } catch (IOException e) {
            return null;
        }
    }

    private boolean serving(String id) {
        NodeStatus status = status(id);
        return status != null && Boolean.TRUE.equals(status.extra().get("serving"));
    }

    private String servingLeader() {
        for (String id : nodes.keySet()) {
            NodeStatus status = status(id);
            if (status != null && status.role().equals("leading") && serving(id)) {
                return id;
            }
        }
        return null;
    }

    /** Writes {@code key} through {@code id}; true when acknowledged. */
    private boolean write(String id, String key, long value) {
        KvReply reply = clients.get(id).invoke(KvRequest.write(key, value, 1, value), REQUEST_TIMEOUT_MILLIS);
        return reply.isOk();
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillingTheLeaderUnderPowerLoss() throws Exception {
        peers = NodeProcess.loopbackPeers(IDS);
        for (String id : IDS) {
            start(id);
        }
        Await.until("every node serves", WAIT_MILLIS, () -> IDS.stream().allMatch(this::serving));
        for (AgentClient agent : agents.values()) {
            agent.powerLoss(true);
        }
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        for (long value = 1; value <= 30; value++) {
            String key = "k" + value;
            assertThat(write(IDS.get((int) (value % IDS.size())), key, value)).as("write %s on a healthy cluster", key).isTrue();
            acknowledged.put(key, value);
        }

        String leader = servingLeader();
        assertThat(leader).isNotNull();
        nodes.remove(leader).kill9();
        agents.remove(leader).close();
        clients.remove(leader).close();
        Await.until("a new leader serves", WAIT_MILLIS, () -> servingLeader() != null
                && nodes.keySet().stream().allMatch(this::serving));

        long value = 100;
        for (String id : nodes.keySet()) {
            for (int i = 0; i < 10; i++, value++) {
                if (write(id, "k" + value, value)) {
                    acknowledged.put("k" + value, value);
                }
            }
        }
        assertThat(acknowledged).as("writes went on after the failover").hasSizeGreaterThan(40);

        start(leader);
        Await.until("the killed node rejoins and serves", WAIT_MILLIS, () -> IDS.stream().allMatch(this::serving));
        for (String id : IDS) {
            KvClient client = clients.get(id);
            assertThat(client.invoke(new KvRequest(KvOp.SYNC, null, null, 2, 1), REQUEST_TIMEOUT_MILLIS).isOk())
                    .as("sync on %s", id).isTrue();
            for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
                KvReply read = client.invoke(KvRequest.read(write.getKey(), 2, 2), REQUEST_TIMEOUT_MILLIS);
                assertThat(read.isOk()).as("read %s on %s", write.getKey(), id).isTrue();
                assertThat(read.value()).as("acknowledged %s read on %s", write.getKey(), id).isEqualTo(write.getValue());
            }
        }
    }
}
