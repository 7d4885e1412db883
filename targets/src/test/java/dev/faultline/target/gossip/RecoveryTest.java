package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.gossip.GossipMessage.PutAck;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Goal: what a node acknowledged survives its crash. A replica's ack and a coordinator's reply go
 * out only after the change is synced; a restarted node rebuilds the same entries and hints from
 * its records (or its snapshot); version-vector counters never repeat across restarts.
 */
class RecoveryTest {
    @Test
    void aReplicaAcksAPutOnlyAfterItIsSynced() {
        @SuppressWarnings("unchecked")
        Protocol<GossipMessage, GossipRecord> protocol = (Protocol<GossipMessage, GossipRecord>)
                GossipTarget.SPEC.create(Set.of(), QuorumTest.quiet());
        GossipCore replica = (GossipCore) protocol.start(
                new CoreContext("n2", List.of("n1", "n2", "n3"), new SplittableRandom(1), 10_000_000L), List.of());
        replica.ready();
        Entry entry = Entry.Register.of(new Version(1L, new Stamp(5, "n1"), VersionVector.EMPTY));
        replica.receive(new ClockReading(0, 0), "n1", new GossipMessage.Put(9, "x", entry, null));
        Ready<GossipMessage, GossipRecord> ready = replica.ready();
        assertThat(ready.records()).containsExactly(new GossipRecord.Merged("x", entry));
        assertThat(ready.mustSync()).isTrue();
        assertThat(ready.messages()).isEmpty();
        assertThat(ready.messagesAfterPersist()).extracting(envelope -> envelope.message()).containsExactly(new PutAck(9));

        replica.request(new ClockReading(0, 0), new ClientRequest(1, KvRequest.write("y", 2L, 1, 1)));
        Ready<GossipMessage, GossipRecord> write = replica.ready();
        assertThat(write.mustSync()).as("the coordinator's own copy is synced before any reply").isTrue();
        assertThat(write.messages()).as("and before its direct mail leaves").isEmpty();
        assertThat(write.messagesAfterPersist()).hasSize(2);
    }

    @Test
    void aRestartedNodeHoldsWhatItHeldBeforeFromItsRecordsOrItsSnapshot() {
        for (String snapshotEvery : List.of("10000", "3")) {
            ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet("w", "3", GossipOptions.SNAPSHOT_EVERY, snapshotEvery));
            for (long i = 0; i < 10; i++) {
                cluster.write("n1", "k" + (i % 4), i);
                cluster.add("n2", "s", i);
            }
            cluster.deliver();
            List<KeyEntry> before = cluster.core("n3").entries();
            cluster.crash("n3");
            cluster.restart("n3");
            assertThat(cluster.core("n3").entries()).as("snapshot every %s", snapshotEvery).isEqualTo(before);
            boolean snapshotted = cluster.disk("n3").get(0) instanceof GossipRecord.Snapshot;
            assertThat(snapshotted).isEqualTo(snapshotEvery.equals("3"));
        }
    }

    @Test
    void versionVectorCountersNeverRepeatAfterARestart() {
        ScriptedCluster cluster = new ScriptedCluster(1, QuorumTest.quiet(GossipOptions.RESOLVE, "vv"));
        Map<String, Object> first = cluster.reply(cluster.write("n1", "x", 1L)).meta();
        assertThat(first).containsEntry("vv", Map.of("n1", 1L));
        cluster.crash("n1");
        cluster.restart("n1");
        Map<String, Object> second = cluster.reply(cluster.write("n1", "y", 2L)).meta();
        assertThat(second).containsEntry("vv", Map.of("n1", 1001L));
        assertThat(cluster.disk("n1")).filteredOn(GossipRecord.CountersReserved.class::isInstance)
                .containsExactly(new GossipRecord.CountersReserved(1000), new GossipRecord.CountersReserved(2000));
    }

    @Test
    void hintsSurviveARestartOfTheirHolder() {
        ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet("n", "2", "w", "1",
                GossipOptions.HANDOFF, "on", GossipOptions.HANDOFF_AFTER_MILLIS, "50", GossipOptions.HINT_MILLIS, "100"));
        Ring ring = new Ring(cluster.nodes(), 2);
        long key = 0;
        while (ring.homes(ring.segmentOf(Ring.keyHash(key))).contains("n3")) {
            key++;
        }
        cluster.isolate("n3");
        cluster.write("n3", key, 1L);
        cluster.advance(60);
        assertThat(cluster.core("n3").hintCount()).isEqualTo(2);
        cluster.crash("n3");
        cluster.restart("n3");
        assertThat(cluster.core("n3").hintCount()).isEqualTo(2);
        cluster.heal();
        cluster.advance(500);
        assertThat(cluster.core("n3").hintCount()).isZero();
        cluster.crash("n3");
        cluster.restart("n3");
        assertThat(cluster.core("n3").hintCount()).as("deliveries are persisted too").isZero();
        assertThat(cluster.core("n1").entry(key).readValue()).isEqualTo(1L);
    }
}
