package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Goal: log compaction and InstallSnapshot follow Raft §7: nodes compact what they applied,
 * restart from their snapshot, and a follower behind the leader's compacted prefix is brought up to
 * date by a snapshot sent in chunks, sessions included. Method: scripted schedules with snapshots
 * every 5 entries and 16-byte chunks.
 */
class RaftSnapshotTest {
    private static RaftCluster cluster() {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().snapshots(5, 16).build(), "n1", "n2", "n3");
        cluster.elect("n1");
        return cluster;
    }

    private static void append(RaftCluster cluster, long from, long to) {
        for (long i = from; i <= to; i++) {
            cluster.request("n1", new KvRequest(KvOp.APPEND, "list", i, 9, i));
            cluster.stabilize();
        }
    }

    private static Object read(RaftCluster cluster, String key) {
        long id = cluster.request("n1", KvRequest.read(key, 1, 1));
        cluster.stabilize();
        return cluster.reply(id).value();
    }

    @Test
    void nodesCompactWhatTheyAppliedAndRestartFromTheSnapshot() {
        RaftCluster cluster = cluster();
        append(cluster, 1, 12);
        assertThat(cluster.core("n1").snapshotIndex()).isEqualTo(10);
        assertThat(cluster.core("n1").firstIndex()).isEqualTo(11);
        assertThat(cluster.events()).anyMatch(event -> event.startsWith("n1 event=snapshot taken index=10"));

        cluster.crash("n1", true);
        cluster.restart("n1");
        assertThat(cluster.core("n1").snapshotIndex()).isEqualTo(10);
        assertThat(cluster.core("n1").lastIndex()).isEqualTo(13);
        assertThat(cluster.core("n1").lastApplied()).isEqualTo(10);
    }

    @Test
    void aFollowerBehindTheCompactedPrefixGetsTheSnapshotInChunks() {
        RaftCluster cluster = cluster();
        cluster.isolate("n3");
        append(cluster, 1, 12);
        assertThat(cluster.core("n1").firstIndex()).isGreaterThan(cluster.core("n3").lastIndex() + 1);
        cluster.heal();
        int[] chunks = {0};
        for (int tick = 0; tick < 50 && cluster.core("n3").snapshotIndex() == 0; tick++) {
            cluster.tick("n1", 1);
            cluster.stabilize(message -> {
                chunks[0] += cluster.decode(message) instanceof RaftMessage.InstallSnapshot ? 1 : 0;
                return false;
            });
        }
        assertThat(cluster.core("n3").snapshotIndex()).isEqualTo(cluster.core("n1").snapshotIndex());
        assertThat(cluster.events()).anyMatch(event -> event.startsWith("n3 event=snapshot installed"));
        cluster.tick("n1", 1);
        cluster.stabilize();
        assertThat(cluster.core("n3").lastApplied()).isEqualTo(cluster.core("n1").lastApplied());

        // The follower now serves as leader with the same data and the same sessions.
        cluster.isolate("n1");
        cluster.electWith("n3", message -> false);
        long retry = cluster.request("n3", new KvRequest(KvOp.APPEND, "list", 12L, 9, 12));
        long read = cluster.request("n3", KvRequest.read("list", 2, 1));
        cluster.stabilize();
        assertThat(cluster.reply(retry)).isEqualTo(KvReply.ok(null));
        assertThat(cluster.reply(read).value()).as("the retry of 12 was deduplicated from the snapshot's session")
                .isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
        assertThat(chunks[0]).as("16-byte chunks").isGreaterThan(1);
    }

    @Test
    void aSnapshotWhoseChunksArriveOutOfOrderIsResumedFromWhereTheFollowerIs() {
        RaftCluster cluster = cluster();
        cluster.isolate("n3");
        append(cluster, 1, 12);
        cluster.heal();
        // Lose every other snapshot chunk for a while: the leader resends from the follower's offset.
        int[] seen = {0};
        for (int tick = 0; tick < 100 && cluster.core("n3").snapshotIndex() == 0; tick++) {
            cluster.tick("n1", 1);
            cluster.stabilize(message -> cluster.decode(message) instanceof RaftMessage.InstallSnapshot && seen[0]++ % 2 == 0);
        }
        assertThat(cluster.core("n3").snapshotIndex()).isEqualTo(cluster.core("n1").snapshotIndex());
        assertThat(read(cluster, "list")).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
    }
}
