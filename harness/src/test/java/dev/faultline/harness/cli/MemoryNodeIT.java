package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.AgentRefusedException;
import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: a real {@code faultline node memory} process keeps fsynced writes through kill -9, keeps
 * unsynced ones too (the page cache survives kill -9), and loses exactly the unsynced ones when
 * the agent turned power-loss mode on. Method: the {@code ack-before-fsync} bug makes writes
 * unsynced; the same data directory is restarted after each SIGKILL.
 */
class MemoryNodeIT {
    private static final long TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dir;

    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void killEveryNodeWeStarted() {
        // Each by its own PID; one that fails to die must not keep the others alive.
        nodes.forEach(NodeProcess::close);
    }

    private NodeProcess start(String... bugs) throws Exception {
        List<String> args = new ArrayList<>(List.of("memory", "--id", "n1", "--data", dir.resolve("data").toString(),
                "--client-port", "0", "--agent-port", "0"));
        for (String bug : bugs) {
            args.addAll(List.of("--bug", bug));
        }
        NodeProcess node = NodeProcess.start(dir.resolve("node.log"), args.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private static KvReply call(NodeProcess node, KvRequest request) {
        try (KvClient client = new KvClient(node.client, 5_000)) {
            return client.invoke(request, TIMEOUT_MILLIS);
        }
    }

    @Test
    void powerLossModeLosesExactlyTheUnsyncedWritesOnKill9() throws Exception {
        NodeProcess buggy = start("ack-before-fsync");
        assertThat(call(buggy, KvRequest.write("page-cache", 1L, 1, 1)).isOk()).isTrue();
        try (AgentClient agent = new AgentClient(buggy.agent, NodeProcess.TOKEN, 10_000)) {
            assertThat(agent.powerLoss(true)).isEqualTo("power-loss on");
            assertThat(agent.status().powerLoss()).isTrue();
        }
        assertThat(call(buggy, KvRequest.write("unsynced", 2L, 1, 2)).isOk()).isTrue();
        assertThat(call(buggy, KvRequest.read("unsynced", 1, 3))).isEqualTo(KvReply.ok(2L));
        buggy.kill9();

        KvReply refused = call(buggy, KvRequest.read("unsynced", 1, 4));
        assertThat(refused.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(refused.error()).isEqualTo(KvErrors.CONNECTION_REFUSED);

        NodeProcess restarted = start();
        assertThat(call(restarted, KvRequest.read("page-cache", 1, 5))).isEqualTo(KvReply.ok(1L));
        assertThat(call(restarted, KvRequest.read("unsynced", 1, 6))).isEqualTo(KvReply.ok(null));

        try (AgentClient agent = new AgentClient(restarted.agent, NodeProcess.TOKEN, 10_000)) {
            assertThat(agent.status().powerLoss()).as("a restarted node starts with power-loss mode off").isFalse();
            agent.powerLoss(true);
        }
        assertThat(call(restarted, KvRequest.write("fsynced", 3L, 1, 7)).isOk()).isTrue();
        restarted.kill9();
        NodeProcess again = start();
        assertThat(call(again, KvRequest.read("fsynced", 1, 8))).isEqualTo(KvReply.ok(3L));
        assertThat(call(again, KvRequest.read("page-cache", 1, 9))).isEqualTo(KvReply.ok(1L));
    }

    @Test
    void theAgentOfARealNodeRefusesAWrongToken() throws Exception {
        NodeProcess node = start();
        try (AgentClient impostor = new AgentClient(node.agent, "guess", 10_000)) {
            assertThatThrownBy(() -> impostor.powerLoss(true))
                    .isInstanceOf(AgentRefusedException.class).hasMessageContaining("bad token");
        }
        try (AgentClient agent = new AgentClient(node.agent, NodeProcess.TOKEN, 10_000)) {
            assertThat(agent.status().powerLoss()).isFalse();
            assertThat(node.agent.getAddress().isLoopbackAddress()).isTrue();
        }
    }
}
