package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Goal: leader election follows the Raft paper (§5.2, §5.4.1) with pre-vote and check-quorum
 * (dissertation §9.6, §6.2). Method: scripted message schedules on {@link RaftCluster}; each test
 * names the section it checks.
 */
class RaftElectionTest {
    private static final List<String> THREE = List.of("n1", "n2", "n3");

    private static RaftCluster three() {
        return new RaftCluster(RaftCluster.fast().build(), "n1", "n2", "n3");
    }

    /** §5.2: a follower that hears nothing times out, wins a majority, and every node follows it in its term. */
    @Test
    void aTimedOutFollowerWinsTheElectionAndEveryoneFollowsIt() {
        RaftCluster cluster = three();
        cluster.elect("n1");
        assertThat(cluster.core("n1").isLeader()).isTrue();
        for (String node : THREE) {
            assertThat(cluster.core(node).currentTerm()).as(node).isEqualTo(1);
            assertThat(cluster.core(node).leader()).as(node).isEqualTo("n1");
        }
        assertThat(cluster.core("n2").votedFor()).isEqualTo("n1");
        // §8: the no-op of term 1 commits at once, and followers learn it from the next heartbeat.
        assertThat(cluster.core("n1").commitIndex()).isEqualTo(1);
        assertThat(cluster.core("n1").entry(1).data()).isInstanceOf(EntryData.Noop.class);
        cluster.tick("n1", 1);
        cluster.stabilize();
        assertThat(cluster.core("n3").commitIndex()).isEqualTo(1);
    }

    /** Dissertation §9.6: the pre-vote round changes nobody's term; only the real vote does. */
    @Test
    void thePreVoteRoundChangesNoTerm() {
        RaftCluster cluster = three();
        cluster.timeOut("n1");
        assertThat(cluster.core("n1").roleName()).isEqualTo("pre-candidate");
        cluster.deliver(); // pre-vote requests
        for (String node : THREE) {
            assertThat(cluster.core(node).currentTerm()).as(node).isZero();
        }
        cluster.deliver(); // pre-votes granted: n1 campaigns for real
        assertThat(cluster.core("n1").roleName()).isEqualTo("candidate");
        assertThat(cluster.core("n1").currentTerm()).isEqualTo(1);
    }

    /** §5.2: two candidates in one term split the votes; nobody leads that term, and a later term elects one leader. */
    @Test
    void splitVotesElectNobodyAndALaterTermResolvesThem() {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().build(), "n1", "n2", "n3", "n4");
        cluster.cut("n1", "n4");
        cluster.cut("n2", "n3");
        cluster.timeOut("n1");
        cluster.timeOut("n2");
        cluster.deliver(); // pre-vote requests: n1 reaches n2, n3; n2 reaches n1, n4
        cluster.deliver(); // both pre-candidates win their pre-vote and campaign in term 1 before any vote arrives
        assertThat(cluster.core("n1").roleName()).isEqualTo("candidate");
        assertThat(cluster.core("n2").roleName()).isEqualTo("candidate");
        cluster.stabilize();
        assertThat(cluster.leader()).as("2 of 4 votes each").isNull();
        assertThat(cluster.core("n3").votedFor()).isEqualTo("n1");
        assertThat(cluster.core("n4").votedFor()).isEqualTo("n2");

        cluster.heal();
        for (int tick = 0; tick < 100 && cluster.leader() == null; tick++) {
            cluster.tickAll();
            cluster.stabilize();
        }
        String leader = cluster.leader();
        assertThat(leader).isNotNull();
        assertThat(cluster.core(leader).currentTerm()).isGreaterThan(1);
        for (String node : List.of("n1", "n2", "n3", "n4")) {
            assertThat(cluster.core(node).isLeader()).as(node).isEqualTo(node.equals(leader));
        }
    }

    /** §5.4.1: a candidate whose log is behind a voter's does not get its vote. */
    @Test
    void aCandidateWithAStaleLogLosesTheElection() {
        RaftCluster cluster = three();
        cluster.elect("n1");
        cluster.isolate("n3");
        cluster.request("n1", KvRequest.write("x", 1L, 1, 1));
        cluster.stabilize();
        cluster.heal();
        cluster.isolate("n1");
        cluster.expireLease("n2", "n3");
        cluster.timeOut("n3");
        cluster.stabilize();
        assertThat(cluster.core("n3").isLeader()).as("n2 holds index 2, n3 does not").isFalse();
        assertThat(cluster.core("n2").currentTerm()).isEqualTo(1);
        cluster.timeOut("n2");
        cluster.stabilize();
        assertThat(cluster.core("n2").isLeader()).isTrue();
    }

    /** Dissertation §9.6: a node cut off for long does not raise its term, so when it returns the leader stays. */
    @Test
    void aReturningPartitionedNodeDoesNotDisruptTheLeader() {
        RaftCluster cluster = three();
        cluster.elect("n1");
        cluster.isolate("n3");
        for (int i = 0; i < 100; i++) {
            cluster.tickAll();
            cluster.stabilize();
        }
        assertThat(cluster.core("n3").currentTerm()).as("pre-votes never succeed alone").isEqualTo(1);
        cluster.heal();
        cluster.timeOut("n3");
        cluster.stabilize();
        assertThat(cluster.core("n1").isLeader()).isTrue();
        assertThat(cluster.core("n1").currentTerm()).isEqualTo(1);
    }

    /** Dissertation §6.2 (check-quorum): a leader that hears from no majority for an election timeout steps down. */
    @Test
    void anIsolatedLeaderStepsDown() {
        RaftCluster cluster = three();
        cluster.elect("n1");
        cluster.isolate("n1");
        for (int i = 0; i < 2 * 10 && cluster.core("n1").isLeader(); i++) {
            cluster.tick("n1", 1);
        }
        assertThat(cluster.core("n1").isLeader()).isFalse();
        assertThat(cluster.core("n1").leader()).isNull();
        assertThat(cluster.events()).anyMatch(event -> event.startsWith("n1 event=check-quorum"));
    }

    /** Figure 2: a node that voted and crashed remembers its vote, so it cannot vote twice in one term. */
    @Test
    void aVoteSurvivesACrashWithPowerLoss() {
        RaftCluster cluster = three();
        cluster.timeOut("n1");
        cluster.deliver();
        cluster.deliver(); // n1 campaigns in term 1
        cluster.deliver(); // n2 and n3 vote for n1 (and persist it)
        cluster.crash("n2", true);
        cluster.restart("n2");
        assertThat(cluster.core("n2").currentTerm()).isEqualTo(1);
        assertThat(cluster.core("n2").votedFor()).isEqualTo("n1");
    }

    /** The vote-not-persisted bug: the restarted voter forgot its vote and may grant another in the same term. */
    @Test
    void withVoteNotPersistedARestartedVoterForgetsItsVote() {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().bugs(java.util.Set.of(Bug.VOTE_NOT_PERSISTED)).build(),
                "n1", "n2", "n3");
        cluster.timeOut("n1");
        cluster.deliver();
        cluster.deliver();
        cluster.deliver();
        cluster.crash("n2", true);
        cluster.restart("n2");
        assertThat(cluster.core("n2").currentTerm()).isEqualTo(1);
        assertThat(cluster.core("n2").votedFor()).isNull();
    }
}
