package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: log replication and commitment follow the Raft paper (§5.3, §5.4.2, Figure 8) and client
 * interaction follows §8 and dissertation §6.3. Method: scripted schedules on {@link RaftCluster}.
 */
class RaftReplicationTest {
    private static KvRequest write(Object key, long value, long sequence) {
        return KvRequest.write(key, value, 1, sequence);
    }

    private static RaftCluster elected(RaftConfig config, String... nodes) {
        RaftCluster cluster = new RaftCluster(config, nodes);
        cluster.elect(nodes[0]);
        return cluster;
    }

    /** §5.3: a write commits once a majority stores it; the client hears after commit; every follower applies it. */
    @Test
    void aWriteCommitsOnAMajorityAndIsAppliedEverywhere() {
        RaftCluster cluster = elected(RaftCluster.fast().build(), "n1", "n2", "n3");
        cluster.isolate("n3");
        long id = cluster.request("n1", write("x", 7, 1));
        assertThat(cluster.reply(id)).as("not before a majority stores it").isNull();
        cluster.stabilize();
        assertThat(cluster.reply(id)).isEqualTo(KvReply.ok(null));
        cluster.heal();
        cluster.tick("n1", 1);
        cluster.stabilize();
        for (String node : List.of("n1", "n2", "n3")) {
            assertThat(cluster.core(node).lastApplied()).as(node).isEqualTo(2);
        }
        long read = cluster.request("n1", KvRequest.read("x", 2, 1));
        cluster.stabilize();
        assertThat(cluster.reply(read)).isEqualTo(KvReply.ok(7L));
    }

    /** §8: a follower refuses clients and names the leader. */
    @Test
    void aFollowerRedirectsToTheLeader() {
        RaftCluster cluster = elected(RaftCluster.fast().build(), "n1", "n2", "n3");
        long id = cluster.request("n2", write("x", 1, 1));
        assertThat(cluster.reply(id)).isEqualTo(KvReply.notLeader("n1"));
    }

    /**
     * §5.3, Figure 7: a follower holding extra entries of an old term has them replaced by the
     * leader's; the conflict hint skips the whole term in one round trip.
     */
    @Test
    void conflictingEntriesAreTruncatedAndReplaced() {
        RaftCluster cluster = elected(RaftCluster.fast().build(), "n1", "n2", "n3");
        cluster.isolate("n1");
        for (long i = 1; i <= 5; i++) {
            cluster.request("n1", write("lost", i, i));
        }
        cluster.crash("n1", false);
        cluster.heal();
        cluster.electWith("n2", message -> false);
        for (long i = 1; i <= 3; i++) {
            cluster.request("n2", write("kept", i, 10 + i));
        }
        cluster.stabilize();
        assertThat(cluster.core("n2").lastIndex()).isEqualTo(5);
        cluster.restart("n1");
        assertThat(cluster.core("n1").lastIndex()).as("n1 kept its 5 uncommitted entries of term 1").isEqualTo(6);
        cluster.tick("n2", 1);
        cluster.stabilize();
        assertThat(cluster.core("n1").truncations()).isEqualTo(1);
        for (long index = 1; index <= 5; index++) {
            assertThat(cluster.core("n1").entry(index)).isEqualTo(cluster.core("n2").entry(index));
        }
        assertThat(cluster.core("n1").lastIndex()).isEqualTo(5);
        assertThat(cluster.core("n1").commitIndex()).isEqualTo(5);
    }

    /** §5.3 receiver rule 3: a stale append whose entries all match truncates nothing. */
    @Test
    void aDuplicatedStaleAppendTruncatesNothing() {
        RaftCluster cluster = elected(RaftCluster.fast().build(), "n1", "n2", "n3");
        cluster.request("n1", write("x", 1, 1));
        List<RaftCluster.InFlight> firstAppends = cluster.inFlight();
        cluster.stabilize();
        cluster.request("n1", write("x", 2, 2));
        cluster.stabilize();
        long last = cluster.core("n2").lastIndex();
        for (RaftCluster.InFlight stale : firstAppends) {
            cluster.core("n2").receive(new dev.faultline.target.common.core.ClockReading(0, 0), stale.from(),
                    cluster.decode(stale));
        }
        assertThat(cluster.core("n2").lastIndex()).isEqualTo(last);
        assertThat(cluster.core("n2").truncations()).isZero();
    }

    /**
     * Figure 8 (§5.4.2): an entry of term 1 that reached a majority under the leader of term 3 must
     * not count as committed, because the leader of term 2 could still be elected and overwrite it.
     * With the commit-old-term bug it is committed (and applied), then overwritten: a committed
     * entry lost.
     */
    @Test
    void figure8OldTermEntriesAreNotCommittedByCounting() {
        Figure8 correct = figure8(Set.of());
        assertThat(correct.commitIndexOfS1InTerm3).as("index 2 is on 3 of 5 but of term 1").isLessThan(2);
        assertThat(correct.entryAt2AfterS5Wins.data()).isNotInstanceOf(EntryData.Command.class);

        Figure8 buggy = figure8(Set.of(Bug.COMMIT_OLD_TERM));
        assertThat(buggy.commitIndexOfS1InTerm3).as("committed by counting").isEqualTo(2);
        assertThat(buggy.entryAt2AfterS5Wins.data()).as("...and then overwritten").isNotInstanceOf(EntryData.Command.class);
    }

    private record Figure8(long commitIndexOfS1InTerm3, Entry entryAt2AfterS5Wins) {}

    private static Figure8 figure8(Set<Bug> bugs) {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().appendEntriesMax(1).bugs(bugs).build(),
                "n1", "n2", "n3", "n4", "n5");
        // (a) n1 leads term 1 and stores index 2 only on itself and n2.
        cluster.elect("n1");
        cluster.cut("n1", "n3");
        cluster.cut("n1", "n4");
        cluster.cut("n1", "n5");
        cluster.request("n1", write("x", 1, 1));
        cluster.stabilize();
        cluster.crash("n1", false);
        cluster.heal();
        // (b) n5 wins term 2 with n3 and n4, appends its no-op at index 2, and crashes before sending it.
        cluster.electWith("n5", message -> message.from().equals("n5") && cluster.decode(message) instanceof RaftMessage.AppendEntries);
        assertThat(cluster.core("n5").currentTerm()).isEqualTo(2);
        assertThat(cluster.core("n5").term(2)).isEqualTo(2);
        cluster.crash("n5", false);
        // (c) n1 restarts, wins term 3, and copies index 2 (term 1) to n3; its own no-op (index 3) goes nowhere.
        cluster.restart("n1");
        // Appends carrying index 3 are lost, except probes the follower rejects (it lacks their previous entry).
        cluster.electWith("n1", message -> message.from().equals("n1")
                && cluster.decode(message) instanceof RaftMessage.AppendEntries append && append.lastIndex() >= 3
                && !(cluster.isUp(message.to()) && cluster.core(message.to()).lastIndex() < append.prevLogIndex()));
        assertThat(cluster.core("n1").currentTerm()).isEqualTo(3);
        assertThat(cluster.core("n3").term(2)).isEqualTo(1);
        long commitIndexOfS1 = cluster.core("n1").commitIndex();
        // (d) n1 crashes; n5 returns and wins with n2, n3, n4 (its last term 2 beats their 1), overwriting index 2.
        cluster.crash("n1", false);
        cluster.restart("n5");
        cluster.electWith("n5", message -> false);
        cluster.tick("n5", 1);
        cluster.stabilize();
        return new Figure8(commitIndexOfS1, cluster.core("n3").entry(2));
    }

    /** Dissertation §6.3: a retried write is answered from the client's session, not applied again. */
    @Test
    void aRetriedAppendIsAppliedOnce() {
        assertThat(appendTwiceAndRead(Set.of())).isEqualTo(List.of(1L));
        assertThat(appendTwiceAndRead(Set.of(Bug.NO_DEDUP))).as("no-dedup applies the retry").isEqualTo(List.of(1L, 1L));
    }

    private static Object appendTwiceAndRead(Set<Bug> bugs) {
        RaftCluster cluster = elected(RaftCluster.fast().bugs(bugs).build(), "n1", "n2", "n3");
        KvRequest append = new KvRequest(dev.faultline.target.common.kv.KvOp.APPEND, "list", 1L, 5, 1);
        long first = cluster.request("n1", append);
        cluster.stabilize();
        long retry = cluster.request("n1", append);
        cluster.stabilize();
        assertThat(cluster.reply(first)).isEqualTo(KvReply.ok(null));
        assertThat(cluster.reply(retry)).isEqualTo(KvReply.ok(null));
        long read = cluster.request("n1", KvRequest.read("list", 6, 1));
        cluster.stabilize();
        return cluster.reply(read).value();
    }

    /** A write proposed by a leader that loses leadership before commit gets info: it may still commit. */
    @Test
    void aLeaderThatStepsDownAnswersItsPendingWritesInfo() {
        RaftCluster cluster = elected(RaftCluster.fast().build(), "n1", "n2", "n3");
        cluster.isolate("n1");
        long id = cluster.request("n1", write("x", 1, 1));
        cluster.tick("n1", 20);
        KvReply reply = cluster.reply(id);
        assertThat(reply.outcome()).isEqualTo(Outcome.INFO);
        assertThat(reply.error()).isEqualTo(KvErrors.LEADERSHIP_LOST);
    }

    /** Without the no-fsync bug every appended entry is synced before it is acknowledged. */
    @Test
    void entriesAreSyncedBeforeTheyAreAcknowledged() {
        RaftCluster correct = elected(RaftCluster.fast().build(), "n1", "n2", "n3");
        correct.request("n1", write("x", 1, 1));
        correct.stabilize();
        assertThat(correct.unsyncedRecords("n1")).isZero();
        assertThat(correct.unsyncedRecords("n2")).isZero();

        RaftCluster buggy = elected(RaftCluster.fast().bugs(Set.of(Bug.NO_FSYNC)).build(), "n1", "n2", "n3");
        long id = buggy.request("n1", write("x", 1, 1));
        buggy.stabilize();
        assertThat(buggy.reply(id)).isEqualTo(KvReply.ok(null));
        assertThat(buggy.unsyncedRecords("n2")).isPositive();
        buggy.crash("n2", true);
        buggy.restart("n2");
        assertThat(buggy.core("n2").lastIndex()).as("the acknowledged entry is gone").isLessThan(2);
    }
}
