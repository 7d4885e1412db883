package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.gossip.GossipMessage.Put;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Goal: ABD (Attiya, Bar-Noy, Dolev 1995, multi-writer form) makes the register linearizable
 * where plain strict quorums are only regular. The scenario is the "new/old inversion" of notes
 * §6 (b): a write reaches one replica and stalls; a first read sees the new value, a second read,
 * started after the first returned, sees the old one. With ABD the first read writes the new
 * value back to a quorum before it returns, so the second read must see it. Method: the same
 * script with {@code mode=quorum} (inversion happens) and {@code mode=abd} (it cannot).
 */
class AbdTest {
    private static Map<String, String> options(String mode) {
        return QuorumTest.quiet("w", "2", "r", "2", GossipOptions.MODE, mode);
    }

    /** x=1 everywhere, then a write of 2 at n1 whose direct mail is lost: only n1 holds 2. */
    private static ScriptedCluster stalledWrite(String mode) {
        ScriptedCluster cluster = new ScriptedCluster(3, options(mode));
        long first = cluster.write("n1", "x", 1L);
        cluster.deliver();
        assertThat(cluster.reply(first).isOk()).isTrue();
        long second = cluster.write("n1", "x", 2L);
        cluster.deliverWhile(sent -> !(sent.message() instanceof Put));
        assertThat(cluster.reply(second)).as("the second write is stuck").isNull();
        assertThat(cluster.core("n1").entry("x").readValue()).isEqualTo(2L);
        return cluster;
    }

    /** A read at n1 (n1 and n2 answer), then a read at n3 (n3 and n2 answer). */
    private static Object[] twoSequentialReads(ScriptedCluster cluster) {
        long early = cluster.read("n1", "x");
        cluster.deliverWhile(sent -> !sent.from().equals("n3") && !sent.to().equals("n3"));
        KvReply first = cluster.reply(early);
        long late = cluster.read("n3", "x");
        cluster.deliverWhile(sent -> !sent.from().equals("n1") && !sent.to().equals("n1"));
        return new Object[] {first.value(), cluster.reply(late).value()};
    }

    @Test
    void strictQuorumsWithoutWriteBackAllowANewOldInversion() {
        Object[] reads = twoSequentialReads(stalledWrite("quorum"));
        assertThat(reads).containsExactly(2L, 1L);
    }

    @Test
    void abdReadsWriteBackBeforeReturningSoALaterReadCannotGoBack() {
        Object[] reads = twoSequentialReads(stalledWrite("abd"));
        assertThat(reads).containsExactly(2L, 2L);
    }

    @Test
    void anAbdReadWaitsForItsWriteBackToReachW() {
        ScriptedCluster cluster = stalledWrite("abd");
        long read = cluster.read("n1", "x");
        cluster.deliverWhile(sent -> !(sent.message() instanceof Put));
        assertThat(cluster.reply(read)).as("n1 holds 2, n2 answered 1: only one of W=2 holds the result").isNull();
        cluster.advance(1_000);
        assertThat(cluster.reply(read)).isEqualTo(KvReply.fail(Coordinator.QUORUM_UNAVAILABLE));
        long again = cluster.read("n1", "x");
        cluster.deliver();
        assertThat(cluster.reply(again).value()).isEqualTo(2L);
        assertThat(cluster.core("n3").entry("x").readValue()).as("written back").isEqualTo(2L);
    }

    @Test
    void anAbdWriteTakesATagAboveTheHighestItsReadQuorumReported() {
        ScriptedCluster cluster = new ScriptedCluster(3, options("abd"));
        long first = cluster.write("n1", "x", 1L);
        cluster.deliver();
        assertThat(cluster.reply(first).meta()).containsEntry("timestamp", 1L).containsEntry("version", 256L);
        cluster.skewClock("n2", -60_000);
        long second = cluster.write("n2", "x", 2L);
        assertThat(cluster.reply(second)).as("the query phase comes first").isNull();
        cluster.deliver();
        assertThat(cluster.reply(second).meta()).as("clocks play no part").containsEntry("timestamp", 2L)
                .containsEntry("version", 2L * 256 + 1);
        long read = cluster.read("n3", "x");
        cluster.deliver();
        assertThat(cluster.reply(read).value()).isEqualTo(2L);
    }

    /**
     * Found by {@code faultline test --target gossip --target-opt mode=abd} (seed 1): two clients
     * writing through one node read the same highest tag, and both writes carried tag + 1 with the
     * node's id, so two values shared one version (the staleness checker could not order them).
     */
    @Test
    void concurrentAbdWritesThroughOneCoordinatorGetDistinctTags() {
        ScriptedCluster cluster = new ScriptedCluster(3, options("abd"));
        long first = cluster.write("n1", "x", 1L);
        long second = cluster.write("n1", "x", 2L);
        cluster.deliver();
        assertThat(cluster.reply(first).meta()).containsEntry("timestamp", 1L);
        assertThat(cluster.reply(second).meta()).containsEntry("timestamp", 2L);
        long read = cluster.read("n3", "x");
        cluster.deliver();
        assertThat(cluster.reply(read).value()).isEqualTo(2L);
    }
}
