package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import dev.faultline.target.gossip.GossipMessage.Put;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: the coordinator counts quorums as Dynamo §4.5 describes ("a write is successful once W
 * replicas acknowledge; a read returns once R replicas reply"), including what that means for
 * stale reads when W + R <= N, and refuses what an AP store cannot do. Method: a scripted cluster
 * with gossip switched off, messages delivered or dropped by hand.
 */
class QuorumTest {
    /** Options with every background gossip off, so only the request's own messages move. */
    static Map<String, String> quiet(String... keyValues) {
        Map<String, String> options = new HashMap<>(Map.of(
                GossipOptions.RUMOR_MILLIS, "0", GossipOptions.ANTI_ENTROPY_MILLIS, "3600000"));
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return options;
    }

    private static boolean avoids(ScriptedCluster.Sent sent, String node) {
        return !sent.from().equals(node) && !sent.to().equals(node);
    }

    @Test
    void aWriteIsAcknowledgedOnceWReplicasMadeItDurableAndNotBefore() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet("w", "2"));
        long write = cluster.write("n1", "x", 1L);
        assertThat(cluster.reply(write)).as("only the coordinator's own copy so far").isNull();
        assertThat(cluster.queued()).extracting(ScriptedCluster.Sent::message).allMatch(Put.class::isInstance).hasSize(2);

        cluster.deliverWhile(sent -> avoids(sent, "n3"));
        KvReply ok = cluster.reply(write);
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.meta()).containsKeys("timestamp", "version", "writer").containsEntry("writer", "n1");
        assertThat(cluster.core("n3").entry("x")).as("n3 never got the direct mail").isNull();
    }

    @Test
    void aWriteWithoutWAcksByTheDeadlineIsIndeterminateNotFailed() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet("w", "3", GossipOptions.TIMEOUT_MILLIS, "200"));
        cluster.isolate("n3");
        long write = cluster.write("n1", "x", 1L);
        cluster.deliver();
        assertThat(cluster.reply(write)).isNull();
        cluster.advance(200);
        assertThat(cluster.reply(write)).isEqualTo(KvReply.info(Coordinator.QUORUM_TIMEOUT));
        assertThat(cluster.core("n2").entry("x")).as("yet the write took effect on n1 and n2").isNotNull();
    }

    @Test
    void aReadReturnsTheNewestOfTheRRepliesSoWPlusRAboveNSeesEveryAcknowledgedWrite() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet("w", "2", "r", "2"));
        cluster.isolate("n3");
        long write = cluster.write("n1", "x", 1L);
        cluster.deliver();
        assertThat(cluster.reply(write).isOk()).isTrue();
        cluster.heal();

        long read = cluster.read("n3", "x");
        assertThat(cluster.reply(read)).as("n3's own stale copy is one reply of two").isNull();
        cluster.deliver();
        assertThat(cluster.reply(read).value()).isEqualTo(1L);
    }

    @Test
    void withWPlusRAtMostNAReadCanMissAnAcknowledgedWrite() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet("w", "1", "r", "1"));
        long write = cluster.write("n1", "x", 1L);
        assertThat(cluster.reply(write).isOk()).as("W=1: the coordinator's own copy suffices").isTrue();
        long read = cluster.read("n2", "x");
        assertThat(cluster.reply(read)).as("R=1 answered by n2's own replica before the mail arrived")
                .isEqualTo(KvReply.ok(null));
        cluster.deliver();
        assertThat(cluster.reply(cluster.read("n2", "x")).value()).isEqualTo(1L);
    }

    @Test
    void withReadFromRAReadAsksRRandomHomesSoEvenItsCoordinatorsOwnWriteCanBeMissed() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet("w", "1", "r", "1", GossipOptions.READ_FROM, "r"));
        cluster.write("n1", "x", 1L);
        cluster.dropAll();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            long read = cluster.read("n1", "x");
            assertThat(cluster.queued().size()).as("one Get at most: R=1").isLessThanOrEqualTo(1);
            cluster.deliverWhile(sent -> !(sent.message() instanceof Put));
            seen.add(cluster.reply(read).value());
        }
        assertThat(seen).as("the local copy and the stale ones").containsExactlyInAnyOrder(1L, null);
    }

    @Test
    void aReadThatHearsFromFewerThanRReplicasFailsDefinitely() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet("r", "3", GossipOptions.TIMEOUT_MILLIS, "100"));
        cluster.isolate("n2");
        long read = cluster.read("n1", "x");
        cluster.advance(100);
        assertThat(cluster.reply(read)).isEqualTo(KvReply.fail(Coordinator.QUORUM_UNAVAILABLE));
    }

    @Test
    void withNBelowTheClusterSizeOnlyTheKeysHomesStoreIt() {
        ScriptedCluster cluster = new ScriptedCluster(4, quiet("n", "2", "w", "2", "r", "1"));
        Ring ring = new Ring(cluster.nodes(), 2);
        List<String> homes = ring.homes(ring.segmentOf(Ring.keyHash("k")));
        String outsider = cluster.nodes().stream().filter(node -> !homes.contains(node)).findFirst().orElseThrow();
        long write = cluster.write(outsider, "k", 7L);
        cluster.deliver();
        assertThat(cluster.reply(write).isOk()).isTrue();
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).entry("k") != null).as(node).isEqualTo(homes.contains(node));
        }
        long read = cluster.read(outsider, "k");
        cluster.deliver();
        assertThat(cluster.reply(read).value()).isEqualTo(7L);
    }

    @Test
    void casAppendAndSyncAreRefusedDefinitely() {
        ScriptedCluster cluster = new ScriptedCluster(3, quiet());
        assertThat(cluster.reply(cluster.request("n1", KvRequest.cas("x", null, 1L, 1, 1))))
                .isEqualTo(KvReply.fail(KvErrors.UNSUPPORTED));
        assertThat(cluster.reply(cluster.request("n1", new KvRequest(KvOp.APPEND, "x", 1L, 1, 2))).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(cluster.reply(cluster.request("n1", new KvRequest(KvOp.SYNC, null, null, 1, 3))).error())
                .isEqualTo(KvErrors.UNSUPPORTED);
    }
}
