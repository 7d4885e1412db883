package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
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

    /**
     * What makes Figure 8 visible to clients here (the end-to-end script
     * docs/nemesis-scripts/raft-figure8.txt follows the same steps): every reply and read waits for
     * a commit in the leader's own term, so the earlier-term entries that n1 commits by counting in
     * term 3 are shown to nobody. But they raise n3's commit index, and a follower answers an append
     * whose previous entry lies below its commit index with "I match up to my commit index" (right
     * when commits are right). n2, elected in term 4 with n3's vote, counts that answer for its own
     * no-op and for a write that only n2 holds, and acknowledges the write; n1 then wins term 5 with
     * n3 and the write is gone. A correct n1 commits nothing by counting, n3 takes n2's entries, and
     * the write survives.
     */
    @Test
    void withCommitOldTermAFollowersRaisedCommitIndexLetsALaterLeaderLoseAnAcknowledgedWrite() {
        Figure8Visible correct = figure8Visible(Set.of());
        assertThat(correct.commitIndexOfN3InTerm3()).as("indexes 2-4 are of term 1").isLessThan(2);
        assertThat(correct.writeReply()).isEqualTo(KvReply.ok(null));
        assertThat(correct.finalLeader()).isEqualTo("n3");
        assertThat(correct.finalValue()).isEqualTo(99L);

        Figure8Visible buggy = figure8Visible(Set.of(Bug.COMMIT_OLD_TERM));
        assertThat(buggy.commitIndexOfN3InTerm3()).as("committed by counting, and n3 told").isEqualTo(4);
        assertThat(buggy.writeReply()).as("acknowledged by n2 alone").isEqualTo(KvReply.ok(null));
        assertThat(buggy.finalLeader()).isEqualTo("n1");
        assertThat(buggy.finalValue()).as("the acknowledged write is lost").isEqualTo(4L);
    }

    private record Figure8Visible(long commitIndexOfN3InTerm3, KvReply writeReply, String finalLeader, Object finalValue) {}

    private static Figure8Visible figure8Visible(Set<Bug> bugs) {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().appendEntriesMax(1).inflightAppendsMax(1).bugs(bugs).build(),
                "n1", "n2", "n3");
        cluster.elect("n1");
        // Term 1: n1, cut off, stores writes 2, 3, 4 at indexes 2-4 on itself only.
        cluster.isolate("n1");
        for (long value = 2; value <= 4; value++) {
            cluster.request("n1", write("x", value, value));
        }
        cluster.tick("n1", 20); // check-quorum: n1 steps down, still in term 1
        cluster.stabilize();
        // Term 2: n2 wins with n3's vote; its no-op never reaches n3, and it crashes.
        cluster.electWith("n2", message -> message.from().equals("n2") && cluster.decode(message) instanceof RaftMessage.AppendEntries);
        cluster.crash("n2", false);
        cluster.heal();
        // Term 3: n1 wins with n3's vote and sends indexes 2-4 one at a time; appends that would give n3
        // its no-op (index 5) are lost, except probes n3 rejects (it lacks their previous entry).
        Predicate<RaftCluster.InFlight> noopToN3 = message -> message.from().equals("n1")
                && cluster.decode(message) instanceof RaftMessage.AppendEntries append && append.lastIndex() >= 5
                && cluster.core("n3").lastIndex() >= append.prevLogIndex();
        cluster.electWith("n1", noopToN3);
        cluster.tick("n1", 1); // a heartbeat tells n3 the commit index n1 reached
        cluster.stabilize(noopToN3);
        long commitIndexOfN3 = cluster.core("n3").commitIndex();
        cluster.crash("n1", false);
        // Term 4: n2 (last term 2, above n3's 1) wins with n3's vote and takes a write. With the bug n3
        // rejects n2's later appends forever (its index 3 is not n2's), which n2 ignores as stale: no
        // stabilizing, only delivering what is in flight.
        Predicate<RaftCluster.InFlight> settled = message -> false;
        cluster.restart("n2");
        cluster.electWith("n2", message -> false);
        long write = cluster.request("n2", write("x", 99, 100));
        cluster.stabilize(settled);
        for (int tick = 0; tick < 3; tick++) {
            cluster.tick("n2", 1);
            cluster.stabilize(settled);
        }
        KvReply writeReply = cluster.reply(write);
        // n2 crashes; n1 returns; whoever the cluster elects serves the last read.
        cluster.crash("n2", false);
        cluster.restart("n1");
        String leader = null;
        for (int round = 0; round < 200 && leader == null; round++) {
            cluster.tickAll();
            cluster.stabilize(settled);
            leader = cluster.core("n1").isLeader() ? "n1" : cluster.core("n3").isLeader() ? "n3" : null;
        }
        long read = cluster.request(leader, KvRequest.read("x", 2, 1));
        for (int tick = 0; tick < 3 && cluster.reply(read) == null; tick++) {
            cluster.tick(leader, 1);
            cluster.stabilize(settled);
        }
        return new Figure8Visible(commitIndexOfN3, writeReply, leader, cluster.reply(read).value());
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
