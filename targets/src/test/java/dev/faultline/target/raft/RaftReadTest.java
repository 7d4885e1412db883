package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: reads are linearizable as in the Raft dissertation §6.4: ReadIndex confirms leadership with
 * a heartbeat round and waits for the leader's first commit in its term; a lease skips the round
 * only while it holds, timed on the monotonic clock. Each read bug (stale-read, skip-noop,
 * lease-wallclock) returns a stale value in the scenario that exposes it. Method: scripted schedules.
 */
class RaftReadTest {
    private static RaftCluster elected(RaftConfig config) {
        RaftCluster cluster = new RaftCluster(config, "n1", "n2", "n3");
        if (config.leaseReads()) {
            // In lease mode a node that just started ignores votes for an election timeout.
            cluster.expireLease("n2", "n3");
        }
        cluster.elect("n1");
        return cluster;
    }

    private static void write(RaftCluster cluster, String at, long value) {
        long id = cluster.request(at, KvRequest.write("x", value, 1, value));
        cluster.stabilize();
        assertThat(cluster.reply(id)).isEqualTo(KvReply.ok(null));
    }

    @Test
    void aReadIndexReadWaitsForAHeartbeatRoundFromAQuorum() {
        RaftCluster cluster = elected(RaftCluster.fast().build());
        write(cluster, "n1", 1);
        long read = cluster.request("n1", KvRequest.read("x", 2, 1));
        assertThat(cluster.reply(read)).isNull();
        assertThat(cluster.inFlight()).allMatch(message -> cluster.decode(message) instanceof RaftMessage.Heartbeat);
        cluster.deliver();
        assertThat(cluster.reply(read)).isNull();
        cluster.deliver();
        assertThat(cluster.reply(read)).isEqualTo(KvReply.ok(1L));
    }

    @Test
    void anIsolatedLeaderServesNoReadAndFailsItWhenItStepsDown() {
        RaftCluster cluster = elected(RaftCluster.fast().build());
        cluster.isolate("n1");
        long read = cluster.request("n1", KvRequest.read("x", 2, 1));
        cluster.stabilize();
        assertThat(cluster.reply(read)).isNull();
        cluster.tick("n1", 20);
        assertThat(cluster.reply(read)).isEqualTo(KvReply.notLeader(null));
    }

    /**
     * A write is committed by n1, but no follower learned the commit before n1 was cut off. The new
     * leader n2 must not read at its stale commit index: it waits for its no-op to commit. With
     * skip-noop it answers at once, with the value before the acknowledged write.
     */
    @Test
    void aNewLeaderReadsOnlyAfterItsFirstCommit() {
        assertThat(readAfterFailover(Set.of())).isEqualTo(KvReply.ok(1L));
        assertThat(readAfterFailover(Set.of(Bug.SKIP_NOOP))).as("stale").isEqualTo(KvReply.ok(null));
    }

    private static KvReply readAfterFailover(Set<Bug> bugs) {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().bugs(bugs).build(), "n1", "n2", "n3");
        cluster.elect("n1");
        cluster.tick("n1", 1);
        cluster.stabilize();
        long write = cluster.request("n1", KvRequest.write("x", 1L, 1, 1));
        cluster.deliver(); // the append reaches n2 and n3
        cluster.deliver(); // their acks: n1 commits and answers
        assertThat(cluster.reply(write)).isEqualTo(KvReply.ok(null));
        cluster.crash("n1", false);
        cluster.electWith("n2", message -> false);
        long read = cluster.request("n2", KvRequest.read("x", 2, 1));
        cluster.stabilize();
        return cluster.reply(read);
    }

    @Test
    void followersRedirectReadsUnlessTheStaleReadBugServesThemLocally() {
        RaftCluster correct = elected(RaftCluster.fast().build());
        write(correct, "n1", 1);
        assertThat(correct.reply(correct.request("n2", KvRequest.read("x", 2, 1)))).isEqualTo(KvReply.notLeader("n1"));

        RaftCluster buggy = elected(RaftCluster.fast().bugs(Set.of(Bug.STALE_READ)).build());
        buggy.isolate("n3");
        write(buggy, "n1", 1);
        assertThat(buggy.reply(buggy.request("n3", KvRequest.read("x", 2, 1)))).as("stale").isEqualTo(KvReply.ok(null));
    }

    @Test
    void aLeaseServesReadsWithoutARoundUntilItRunsOut() {
        RaftCluster cluster = elected(RaftCluster.fast().readMode(ReadMode.LEASE).build());
        write(cluster, "n1", 1);
        cluster.tick("n1", 1); // a heartbeat round, acknowledged: the lease runs 7.5 ticks from it
        cluster.stabilize();
        long read = cluster.request("n1", KvRequest.read("x", 2, 1));
        assertThat(cluster.reply(read)).as("served at once").isEqualTo(KvReply.ok(1L));

        cluster.isolate("n1");
        cluster.tick("n1", 5);
        assertThat(cluster.reply(cluster.request("n1", KvRequest.read("x", 2, 2)))).isEqualTo(KvReply.ok(1L));
        cluster.tick("n1", 3);
        long late = cluster.request("n1", KvRequest.read("x", 2, 3));
        assertThat(cluster.reply(late)).as("the lease ran out: back to ReadIndex, which cannot complete").isNull();
    }

    /** n1 leads with a heartbeat round acknowledged, is cut off, and its wall clock goes a minute back. */
    private static RaftCluster isolatedLeaderWithItsClockBack(RaftConfig config) {
        RaftCluster cluster = elected(config);
        cluster.tick("n1", 1);
        cluster.stabilize();
        cluster.isolate("n1");
        cluster.bumpWallClock("n1", -60_000);
        return cluster;
    }

    @Test
    void theLeaseIgnoresTheWallClockUnlessTheBugTimesItThere() {
        RaftCluster correct = isolatedLeaderWithItsClockBack(RaftCluster.fast().readMode(ReadMode.LEASE).build());
        correct.tick("n1", 9);
        assertThat(correct.reply(correct.request("n1", KvRequest.read("x", 2, 1)))).isNull();

        RaftCluster buggy = isolatedLeaderWithItsClockBack(RaftCluster.fast().bugs(Set.of(Bug.LEASE_WALLCLOCK)).build());
        buggy.tick("n1", 9);
        assertThat(buggy.reply(buggy.request("n1", KvRequest.read("x", 2, 1)))).as("a lease a minute long")
                .isEqualTo(KvReply.ok(null));
    }

    /**
     * The bug's leader also trusts its lease over check-quorum, so with its wall clock set back it
     * outlives the election timeout after which a correct leader steps down, and keeps serving reads.
     */
    @Test
    void withTheLeaseWallclockBugAnIsolatedLeaderOutlivesCheckQuorumWhileItsWallClockLags() {
        RaftCluster correct = isolatedLeaderWithItsClockBack(RaftCluster.fast().readMode(ReadMode.LEASE).build());
        correct.tick("n1", 30);
        assertThat(correct.core("n1").isLeader()).as("check-quorum deposed it").isFalse();

        RaftCluster buggy = isolatedLeaderWithItsClockBack(RaftCluster.fast().bugs(Set.of(Bug.LEASE_WALLCLOCK)).build());
        buggy.tick("n1", 30);
        assertThat(buggy.core("n1").isLeader()).as("its lease holds on a clock a minute behind").isTrue();
        assertThat(buggy.reply(buggy.request("n1", KvRequest.read("x", 2, 1)))).isEqualTo(KvReply.ok(null));
    }

    /** The lease is safe because voters that acknowledged it ignore candidates for an election timeout. */
    @Test
    void votersIgnoreCandidatesWhileTheyHearFromALeader() {
        RaftCluster cluster = elected(RaftCluster.fast().readMode(ReadMode.LEASE).build());
        cluster.cut("n1", "n3");
        cluster.cut("n3", "n1");
        cluster.timeOut("n3");
        cluster.stabilize();
        assertThat(cluster.core("n2").currentTerm()).isEqualTo(1);
        assertThat(cluster.core("n1").isLeader()).isTrue();
    }

    @Test
    void aRestartedNodeIgnoresVotesForAnElectionTimeoutInLeaseMode() {
        RaftCluster cluster = elected(RaftCluster.fast().readMode(ReadMode.LEASE).build());
        cluster.crash("n2", false);
        cluster.restart("n2");
        cluster.isolate("n1");
        cluster.expireLease("n3");
        cluster.timeOut("n3");
        cluster.stabilize();
        assertThat(cluster.core("n3").isLeader()).as("n2 may have acknowledged n1's lease before it crashed").isFalse();
        cluster.expireLease("n2");
        cluster.timeOut("n3");
        cluster.stabilize();
        assertThat(cluster.core("n3").isLeader()).isTrue();
    }
}
