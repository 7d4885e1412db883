package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Goal: single-server membership changes follow the Raft dissertation §4.1–4.2: one voter added or
 * removed at a time, only once the leader committed an entry of its term and the previous change
 * is committed; the new configuration takes effect as soon as it is in a log; a removed leader
 * steps down once its removal commits. Method: a 4-node cluster whose n4 starts as a non-voter.
 */
class RaftMembershipTest {
    private static final List<String> THREE = List.of("n1", "n2", "n3");
    private static final List<String> FOUR = List.of("n1", "n2", "n3", "n4");

    private static RaftCluster cluster() {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().voters(THREE).build(), "n1", "n2", "n3", "n4");
        cluster.elect("n1");
        return cluster;
    }

    private static KvReply changeVoters(RaftCluster cluster, String at, List<String> voters) {
        long id = cluster.request(at, KvRequest.write(RaftCore.VOTERS_KEY, voters, 1, 0));
        cluster.stabilize();
        return cluster.reply(id);
    }

    @Test
    void aNonVoterFollowsTheLogButNeverCampaigns() {
        RaftCluster cluster = cluster();
        long id = cluster.request("n1", KvRequest.write("x", 1L, 1, 1));
        cluster.stabilize();
        assertThat(cluster.reply(id)).isEqualTo(KvReply.ok(null));
        assertThat(cluster.core("n4").lastIndex()).isEqualTo(2);
        cluster.isolate("n4");
        cluster.tick("n4", 100);
        assertThat(cluster.core("n4").roleName()).isEqualTo("follower");
        assertThat(cluster.core("n4").currentTerm()).isEqualTo(1);
    }

    @Test
    void addingAVoterChangesTheMajorityAtOnce() {
        RaftCluster cluster = cluster();
        assertThat(changeVoters(cluster, "n1", FOUR)).isEqualTo(KvReply.ok(null));
        for (String node : FOUR) {
            assertThat(cluster.core(node).voters()).as(node).isEqualTo(FOUR);
        }
        long read = cluster.request("n1", KvRequest.read(RaftCore.VOTERS_KEY, 1, 0));
        assertThat(cluster.reply(read)).isEqualTo(KvReply.ok(FOUR));

        // Three of four are now needed: n1 and n2 alone cannot commit.
        cluster.isolate("n3");
        cluster.isolate("n4");
        long write = cluster.request("n1", KvRequest.write("x", 1L, 1, 1));
        cluster.stabilize();
        assertThat(cluster.reply(write)).isNull();
        cluster.heal();
        cluster.tick("n1", 1);
        cluster.stabilize();
        assertThat(cluster.reply(write)).isEqualTo(KvReply.ok(null));
    }

    @Test
    void onlyOneVoterAtATimeAndOnlyAfterThePreviousChangeCommitted() {
        RaftCluster cluster = cluster();
        assertThat(changeVoters(cluster, "n1", List.of("n1")).error()).as("two removed at once")
                .isEqualTo(MembershipChange.INVALID);
        assertThat(changeVoters(cluster, "n1", List.of("n1", "n2", "n3", "n9")).error()).as("unknown node")
                .isEqualTo(MembershipChange.INVALID);
        cluster.isolate("n2");
        cluster.isolate("n3");
        long pending = cluster.request("n1", KvRequest.write(RaftCore.VOTERS_KEY, FOUR, 1, 0));
        assertThat(changeVoters(cluster, "n1", THREE).error()).as("the previous change is not committed")
                .isEqualTo(MembershipChange.BUSY);
        assertThat(cluster.reply(pending)).isNull();
        assertThat(cluster.core("n1").voters()).as("in force as soon as it is in the log").isEqualTo(FOUR);
        assertThat(changeVoters(cluster, "n2", FOUR)).isEqualTo(KvReply.notLeader("n1"));
    }

    @Test
    void aLeaderThatRemovesItselfStepsDownOnceTheRemovalCommits() {
        RaftCluster cluster = cluster();
        assertThat(changeVoters(cluster, "n1", FOUR)).isEqualTo(KvReply.ok(null));
        List<String> withoutN1 = List.of("n2", "n3", "n4");
        assertThat(changeVoters(cluster, "n1", withoutN1)).isEqualTo(KvReply.ok(null));
        assertThat(cluster.core("n1").isLeader()).isFalse();
        assertThat(cluster.events()).anyMatch(event -> event.contains("removed leader steps down"));
        for (int tick = 0; tick < 100 && cluster.leader() == null; tick++) {
            cluster.tickAll();
            cluster.stabilize();
        }
        String leader = cluster.leader();
        assertThat(leader).isIn(withoutN1);
        assertThat(cluster.core(leader).voters()).isEqualTo(withoutN1);
        long write = cluster.request(leader, KvRequest.write("x", 5L, 1, 1));
        cluster.stabilize();
        assertThat(cluster.reply(write)).isEqualTo(KvReply.ok(null));
    }

    @Test
    void aNewLeaderChangesNothingBeforeItCommittedAnEntryOfItsTerm() {
        RaftCluster cluster = new RaftCluster(RaftCluster.fast().voters(THREE).build(), "n1", "n2", "n3", "n4");
        cluster.timeOut("n1");
        for (int round = 0; round < 4; round++) {
            cluster.deliver(); // pre-vote, its answers, the vote, its answers
        }
        assertThat(cluster.core("n1").isLeader()).isTrue();
        assertThat(cluster.core("n1").commitIndex()).isZero();
        long early = cluster.request("n1", KvRequest.write(RaftCore.VOTERS_KEY, FOUR, 1, 0));
        assertThat(cluster.reply(early).error()).isEqualTo(MembershipChange.BUSY);
        cluster.stabilize();
        assertThat(changeVoters(cluster, "n1", FOUR)).isEqualTo(KvReply.ok(null));
    }
}
