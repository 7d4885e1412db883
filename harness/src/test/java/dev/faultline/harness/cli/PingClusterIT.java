package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.BlockPeers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goal: three {@code faultline node ping} processes find each other over TCP, and a partition set
 * through the agents stops their peer traffic until healed. Method: each ping core counts pings
 * per peer in its status; counts must stall while cut and grow again after the heal.
 */
class PingClusterIT {
    private static final long WAIT_MILLIS = 30_000;

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
    void aPartitionThroughTheAgentsStopsPeerTrafficUntilHealed() throws Exception {
        List<String> ids = List.of("n1", "n2", "n3");
        cluster = NodeCluster.start(dir, "ping", ids, List.of());
        Await.until("every node hears every other", WAIT_MILLIS, () -> ids.stream().allMatch(node ->
                ids.stream().filter(peer -> !peer.equals(node)).allMatch(peer -> heard(node, peer) > 5)));

        // n3 is cut off: it blocks both ways, and the others block it too (as a nemesis would).
        cluster.agent("n3").apply(BlockPeers.both(Set.of("n1", "n2")));
        cluster.agent("n1").apply(BlockPeers.both(Set.of("n3")));
        cluster.agent("n2").apply(BlockPeers.both(Set.of("n3")));
        Thread.sleep(300);
        long n1FromN3 = heard("n1", "n3");
        long n3FromN2 = heard("n3", "n2");
        long n1FromN2 = heard("n1", "n2");
        Thread.sleep(700);
        assertThat(heard("n1", "n3")).isEqualTo(n1FromN3);
        assertThat(heard("n3", "n2")).isEqualTo(n3FromN2);
        assertThat(heard("n1", "n2")).isGreaterThan(n1FromN2);
        assertThat(cluster.agent("n3").status().peers().get("n1").droppedByFaults()).isPositive();

        for (String id : ids) {
            cluster.agent(id).heal();
        }
        Await.until("n1 hears n3 again", WAIT_MILLIS, () -> heard("n1", "n3") > n1FromN3 + 5);
        Await.until("n3 hears n2 again", WAIT_MILLIS, () -> heard("n3", "n2") > n3FromN2 + 5);
    }

    private long heard(String node, String peer) {
        try {
            Map<?, ?> heard = (Map<?, ?>) cluster.agent(node).status().status().extra().get("heard");
            return (Long) ((Map<?, ?>) heard.get(peer)).get("received");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
