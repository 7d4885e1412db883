package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.gossip.GossipMessage.Put;
import dev.faultline.target.gossip.GossipMessage.Rumor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: every way an update travels besides direct mail works, and stops where it should.
 * Anti-entropy repairs a replica that missed writes (Demers et al. §1.2; Dynamo §4.7); rumors
 * spread fresh updates and die out with probability {@code rumor-stop} per "already knew"
 * (Demers et al. §1.4, feedback and coin); hinted handoff keeps a write for an unreachable home
 * and hands it over later (Dynamo §4.6); read repair fixes stale replicas a read heard from, after
 * or before replying. Method: a scripted cluster; each planted bug is shown at the same point.
 */
class PropagationTest {
    private static boolean notTo(ScriptedCluster.Sent sent, String node) {
        return !sent.to().equals(node);
    }

    /** n3 misses a write's direct mail; then the network heals. */
    private static ScriptedCluster missedWrite(Set<String> bugs, Map<String, String> options) {
        ScriptedCluster cluster = new ScriptedCluster(3, bugs, options);
        cluster.isolate("n3");
        long write = cluster.write("n1", "x", 1L);
        cluster.deliver();
        assertThat(cluster.reply(write).isOk()).isTrue();
        cluster.heal();
        return cluster;
    }

    @Test
    void antiEntropyRepairsAReplicaThatMissedAWrite() {
        Map<String, String> options = QuorumTest.quiet(GossipOptions.ANTI_ENTROPY_MILLIS, "100");
        ScriptedCluster cluster = missedWrite(Set.of(), options);
        assertThat(cluster.core("n3").entry("x")).isNull();
        cluster.advance(1_000);
        assertThat(cluster.core("n3").entry("x")).isEqualTo(cluster.core("n1").entry("x"));
        assertThat(cluster.core("n3").status().extra().get("antiEntropyRepaired")).isEqualTo(1L);
        assertThat(cluster.delivered()).extracting(sent -> sent.message().getClass().getSimpleName())
                .contains("Digests", "DigestReply");
    }

    @Test
    void withTheNoAntiEntropyBugAReplicaThatMissedAWriteNeverCatchesUp() {
        Map<String, String> options = QuorumTest.quiet(GossipOptions.ANTI_ENTROPY_MILLIS, "100");
        ScriptedCluster cluster = missedWrite(Set.of("no-anti-entropy"), options);
        cluster.advance(5_000);
        assertThat(cluster.core("n3").entry("x")).isNull();
        assertThat(cluster.delivered()).noneMatch(sent -> sent.message() instanceof GossipMessage.Digests);
    }

    @Test
    void antiEntropyShipsOnlyTheBucketsThatDiffer() {
        Map<String, String> options = QuorumTest.quiet(GossipOptions.ANTI_ENTROPY_MILLIS, "100", "w", "3");
        ScriptedCluster cluster = new ScriptedCluster(3, options);
        for (long key = 0; key < 200; key++) {
            cluster.write("n1", key, key);
        }
        cluster.deliver();
        cluster.isolate("n3");
        cluster.write("n1", "late", 1L);
        cluster.deliver();
        cluster.heal();
        cluster.advance(2_000);
        assertThat(cluster.core("n3").entry("late")).isNotNull();
        int shippedMax = cluster.delivered().stream()
                .filter(sent -> sent.message() instanceof GossipMessage.DigestReply)
                .mapToInt(sent -> ((GossipMessage.DigestReply) sent.message()).entries().size()).max().orElse(0);
        assertThat(shippedMax).as("one bucket of ~200/48 keys, not the whole store").isLessThan(30);
    }

    @Test
    void rumorsReachAReplicaThatMissedTheDirectMailAndNeverStopWhenStopProbabilityIsZero() {
        Map<String, String> options = QuorumTest.quiet(GossipOptions.RUMOR_MILLIS, "10", GossipOptions.RUMOR_STOP, "0");
        ScriptedCluster cluster = new ScriptedCluster(3, options);
        cluster.write("n1", "x", 1L);
        cluster.deliverWhile(sent -> notTo(sent, "n3"));
        cluster.advance(500);
        assertThat(cluster.core("n3").entry("x")).isEqualTo(cluster.core("n1").entry("x"));
        assertThat(cluster.core("n1").status().extra().get("hotRumors")).as("never loses interest").isEqualTo(1L);
    }

    @Test
    void rumorsStopOnceEveryPeerAlreadyKnewThemWhenStopProbabilityIsOne() {
        Map<String, String> options = QuorumTest.quiet(GossipOptions.RUMOR_MILLIS, "10", GossipOptions.RUMOR_STOP, "1");
        ScriptedCluster cluster = new ScriptedCluster(3, options);
        cluster.write("n1", "x", 1L);
        cluster.deliver();
        cluster.advance(200);
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).status().extra().get("hotRumors")).as(node).isEqualTo(0L);
        }
        long pushes = cluster.delivered().stream().filter(sent -> sent.message() instanceof Rumor).count();
        assertThat(pushes).as("one push each, answered 'already knew'").isEqualTo(3);
    }

    @Test
    void aFallbackKeepsAHintForAnUnreachableHomeAndHandsItOverAfterTheHeal() {
        Map<String, String> options = QuorumTest.quiet("n", "2", "w", "2", GossipOptions.HANDOFF, "on",
                GossipOptions.HANDOFF_AFTER_MILLIS, "50");
        ScriptedCluster cluster = new ScriptedCluster(4, options);
        Ring ring = new Ring(cluster.nodes(), 2);
        int segment = ring.segmentOf(Ring.keyHash("k"));
        String coordinator = ring.homes(segment).get(0);
        String unreachable = ring.homes(segment).get(1);
        String standIn = ring.fallbacks(segment).get(0);
        cluster.isolate(unreachable);
        long write = cluster.write(coordinator, "k", 1L);
        cluster.deliver();
        assertThat(cluster.reply(write)).as("one home of two").isNull();
        cluster.advance(50);
        assertThat(cluster.reply(write).isOk()).as("sloppy quorum: the stand-in's ack counts").isTrue();
        assertThat(cluster.core(standIn).hintCount()).isEqualTo(1);
        assertThat(cluster.core(standIn).entry("k")).as("a hint is not the stand-in's own data").isNull();

        cluster.heal();
        cluster.advance(500);
        assertThat(cluster.core(unreachable).entry("k")).isEqualTo(cluster.core(coordinator).entry("k"));
        assertThat(cluster.core(standIn).hintCount()).as("forgotten once the home acked").isZero();
    }

    /** n3 is isolated and coordinates a write for a key whose two homes are n1 and n2. */
    private static ScriptedCluster sloppyWriteByAnIsolatedFallback(Set<String> bugs) {
        Map<String, String> options = QuorumTest.quiet("n", "2", "w", "1", GossipOptions.HANDOFF, "on",
                GossipOptions.HANDOFF_AFTER_MILLIS, "50", GossipOptions.ANTI_ENTROPY_MILLIS, "100");
        ScriptedCluster cluster = new ScriptedCluster(3, bugs, options);
        Ring ring = new Ring(cluster.nodes(), 2);
        long key = 0;
        while (ring.homes(ring.segmentOf(Ring.keyHash(key))).contains("n3")) {
            key++;
        }
        cluster.isolate("n3");
        long write = cluster.write("n3", key, 1L);
        cluster.advance(100);
        assertThat(cluster.reply(write).isOk()).as("acknowledged on the strength of a hint").isTrue();
        cluster.heal();
        cluster.advance(2_000);
        return cluster;
    }

    @Test
    void aCoordinatorThatIsItsOwnStandInHandsItsHintOver() {
        ScriptedCluster cluster = sloppyWriteByAnIsolatedFallback(Set.of());
        Object key = cluster.core("n1").entries().get(0).key();
        assertThat(cluster.core("n1").entry(key).readValue()).isEqualTo(1L);
        assertThat(cluster.core("n2").entry(key).readValue()).isEqualTo(1L);
        assertThat(cluster.core("n3").hintCount()).isZero();
    }

    @Test
    void withTheDropHintsBugTheOnlyCopyOfAnAcknowledgedWriteIsGone() {
        ScriptedCluster cluster = sloppyWriteByAnIsolatedFallback(Set.of("drop-hints"));
        assertThat(cluster.core("n1").entries()).isEmpty();
        assertThat(cluster.core("n2").entries()).isEmpty();
    }

    /** n1 holds x=1, n2 and n3 hold nothing; a read at n1 hears from all three. */
    private static ScriptedCluster staleReplicas(String readRepair) {
        ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet("w", "1", "r", "3",
                GossipOptions.READ_REPAIR, readRepair, GossipOptions.TIMEOUT_MILLIS, "300"));
        cluster.write("n1", "x", 1L);
        cluster.dropAll();
        return cluster;
    }

    @Test
    void syncReadRepairWritesBackToStaleRepliersBeforeReplying() {
        ScriptedCluster cluster = staleReplicas("sync");
        long read = cluster.read("n1", "x");
        cluster.deliverWhile(sent -> !(sent.message() instanceof Put && sent.to().equals("n3")));
        assertThat(cluster.reply(read)).as("n3 has not made the repair durable").isNull();
        assertThat(cluster.core("n2").entry("x")).isNotNull();
        cluster.advance(300);
        assertThat(cluster.reply(read)).isEqualTo(KvReply.fail(Coordinator.QUORUM_UNAVAILABLE));

        long again = cluster.read("n1", "x");
        cluster.deliver();
        assertThat(cluster.reply(again).value()).isEqualTo(1L);
        assertThat(cluster.core("n3").entry("x")).isNotNull();
    }

    @Test
    void asyncReadRepairRepliesFirstAndRepairsAfter() {
        ScriptedCluster cluster = staleReplicas("async");
        long read = cluster.read("n1", "x");
        cluster.deliverWhile(sent -> !(sent.message() instanceof Put));
        assertThat(cluster.reply(read).value()).as("replied though every repair was lost").isEqualTo(1L);
        assertThat(cluster.core("n3").entry("x")).isNull();
        cluster.read("n1", "x");
        cluster.deliver();
        assertThat(cluster.core("n2").entry("x")).isNotNull();
        assertThat(cluster.core("n3").entry("x")).isNotNull();
    }

    @Test
    void withoutReadRepairStaleRepliersStayStale() {
        ScriptedCluster cluster = staleReplicas("off");
        long read = cluster.read("n1", "x");
        cluster.deliver();
        assertThat(cluster.reply(read).value()).isEqualTo(1L);
        assertThat(cluster.core("n2").entry("x")).isNull();
        assertThat(cluster.delivered()).extracting(sent -> sent.message().getClass().getSimpleName())
                .containsOnly("Get", "GetReply");
    }

    @Test
    void versionVectorSiblingsFromBothSidesOfAPartitionMeetThroughAntiEntropy() {
        Map<String, String> options = QuorumTest.quiet("w", "1", "r", "1", GossipOptions.RESOLVE, "vv",
                GossipOptions.ANTI_ENTROPY_MILLIS, "100");
        ScriptedCluster cluster = siblingsAcrossAPartition(Set.of(), options);
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).entry("x")).as(node).isEqualTo(cluster.core("n1").entry("x"));
        }
        long read = cluster.read("n3", "x");
        KvReply reply = cluster.reply(read);
        assertThat(reply.meta()).containsEntry("siblings", 2L);
        long write = cluster.write("n3", "x", "c");
        cluster.advance(1_000);
        assertThat(cluster.reply(write).meta()).containsEntry("vv", Map.of("n1", 1L, "n2", 1L, "n3", 1L));
        assertThat(cluster.core("n1").entry("x").readValue()).isEqualTo("c");
        assertThat(((Entry.Register) cluster.core("n2").entry("x")).siblings()).hasSize(1);
    }

    @Test
    void withTheMergeLosesSiblingBugReplicasNeverAgree() {
        Map<String, String> options = QuorumTest.quiet("w", "1", "r", "1", GossipOptions.RESOLVE, "vv",
                GossipOptions.ANTI_ENTROPY_MILLIS, "100");
        ScriptedCluster cluster = siblingsAcrossAPartition(Set.of("merge-loses-sibling"), options);
        cluster.advance(3_000);
        assertThat(cluster.core("n1").entry("x")).isNotEqualTo(cluster.core("n2").entry("x"));
    }

    /** n1 writes a, n2 writes b while cut off from each other; then they heal and gossip for a second. */
    private static ScriptedCluster siblingsAcrossAPartition(Set<String> bugs, Map<String, String> options) {
        ScriptedCluster cluster = new ScriptedCluster(3, bugs, options);
        cluster.isolate("n1");
        cluster.write("n1", "x", "a");
        cluster.write("n2", "x", "b");
        cluster.deliver();
        cluster.heal();
        cluster.advance(1_000);
        return cluster;
    }

    @Test
    void statusShowsEqualCommitIndexesExactlyWhenReplicasHoldTheSameData() {
        Map<String, String> options = QuorumTest.quiet(GossipOptions.ANTI_ENTROPY_MILLIS, "100");
        ScriptedCluster cluster = missedWrite(Set.of(), options);
        assertThat(cluster.core("n1").status().extra()).containsKeys("keys", "hints", "hotRumors", "antiEntropyRepaired",
                "coordinating", "misrouted").containsEntry("keys", 1L);
        assertThat(cluster.core("n3").status().commitIndex()).isNotEqualTo(cluster.core("n1").status().commitIndex());
        cluster.advance(1_000);
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).status().commitIndex()).as(node)
                    .isEqualTo(cluster.core("n1").status().commitIndex()).isEqualTo(cluster.core(node).status().appliedIndex());
        }
        NodeStatus before = cluster.core("n1").status();
        cluster.advance(1_000);
        assertThat(cluster.core("n1").status()).as("nothing changes while nothing happens").isEqualTo(before);
        assertThat(List.of(before.role())).containsExactly("replica");
    }
}
