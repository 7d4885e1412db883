package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.Notification;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: fast leader election follows ZooKeeper's {@code FastLeaderElection.lookForLeader} (the
 * Zab paper's Phase 0, "Leader election"; Medeiros, "ZooKeeper's atomic broadcast protocol:
 * Theory and practice", §4). Method: one core, scripted notifications, the notifications it sends
 * and the state it ends in.
 */
class FastLeaderElectionTest {
    private static final List<String> VOTERS = List.of("n1", "n2", "n3");
    private static final int FINALIZE = ZabConfig.defaults().finalizeWaitTicks();

    private static Vote vote(String leader, long epoch, long counter, long peerEpoch) {
        return new Vote(leader, new Zxid(epoch, counter), peerEpoch);
    }

    private static Notification looking(Vote vote, long round) {
        return new Notification(vote, round, ServerState.LOOKING);
    }

    @Test
    void aStartingServerVotesForItselfInRoundOneAndNotifiesEveryVoter() {
        CoreDriver n1 = CoreDriver.start("n1", 3, ZabConfig.defaults());
        assertThat(n1.core.state()).isEqualTo(ServerState.LOOKING);
        assertThat(n1.sentTo("n2")).containsExactly(looking(vote("n1", 0, 0, 0), 1));
        assertThat(n1.sentTo("n3")).containsExactly(looking(vote("n1", 0, 0, 0), 1));
    }

    @Test
    void votesOrderByPeerEpochThenZxidThenServerId() {
        assertThat(vote("n1", 1, 9, 2).isBetterThan(vote("n3", 2, 1, 1))).as("peer epoch first").isTrue();
        assertThat(vote("n1", 2, 1, 2).isBetterThan(vote("n3", 1, 9, 2))).as("then zxid").isTrue();
        assertThat(vote("n3", 2, 1, 2).isBetterThan(vote("n2", 2, 1, 2))).as("then id").isTrue();
        assertThat(vote("n2", 2, 1, 2).isBetterThan(vote("n2", 2, 1, 2))).as("strict").isFalse();
        assertThat(Vote.NONE.isBetterThan(vote("n1", 0, 0, 0))).as("an observer's empty vote never wins").isFalse();
    }

    @Test
    void aBetterVoteInTheSameRoundReplacesTheProposalAndIsAnnounced() {
        CoreDriver n1 = CoreDriver.start("n1", 3, ZabConfig.defaults()).clear();
        n1.receive("n2", looking(vote("n2", 0, 0, 0), 1));
        assertThat(n1.sentTo("n3")).containsExactly(looking(vote("n2", 0, 0, 0), 1));
        n1.clear().receive("n3", looking(vote("n1", 0, 0, 0), 1));
        assertThat(n1.sentTo("n3")).as("a worse vote changes nothing").isEmpty();
    }

    @Test
    void aHigherRoundIsJoinedWithTheBetterOfItsVoteAndOurOwn() {
        CoreDriver n3 = CoreDriver.start("n3", 3, ZabConfig.defaults()).clear();
        n3.receive("n1", looking(vote("n1", 0, 0, 0), 4));
        assertThat(n3.sentTo("n2")).as("own vote is better, in the new round")
                .containsExactly(looking(vote("n3", 0, 0, 0), 4));
    }

    @Test
    void aLowerRoundIsAnsweredWithOurVoteAndOtherwiseIgnored() {
        CoreDriver n1 = CoreDriver.start("n1", 3, ZabConfig.defaults());
        n1.receive("n2", looking(vote("n1", 0, 0, 0), 3)).clear();
        n1.receive("n3", looking(vote("n3", 0, 0, 0), 1));
        assertThat(n1.sentTo("n3")).containsExactly(looking(vote("n1", 0, 0, 0), 3));
        assertThat(n1.sentTo("n2")).as("the stale vote did not change the proposal").isEmpty();
    }

    @Test
    void aQuorumDecidesOnlyAfterTheFinalizeWait() {
        CoreDriver n2 = CoreDriver.start("n2", 3, ZabConfig.defaults());
        n2.receive("n1", looking(vote("n2", 0, 0, 0), 1));
        n2.tick(FINALIZE - 1);
        assertThat(n2.core.state()).as("still waiting for a better vote").isEqualTo(ServerState.LOOKING);
        n2.tick(1);
        assertThat(n2.core.state()).isEqualTo(ServerState.LEADING);
    }

    @Test
    void aBetterVoteDuringTheFinalizeWaitRestartsIt() {
        CoreDriver n2 = CoreDriver.start("n2", 3, ZabConfig.defaults());
        n2.receive("n1", looking(vote("n2", 0, 0, 0), 1));
        n2.tick(FINALIZE - 1);
        n2.receive("n3", looking(vote("n3", 0, 0, 0), 1));
        n2.tick(FINALIZE);
        assertThat(n2.core.state()).as("n2 and n3 now agree on n3").isEqualTo(ServerState.FOLLOWING);
        assertThat(n2.sentTo("n3", FollowerInfo.class)).as("and n2 registers with it").isNotEmpty();
    }

    @Test
    void aServerWithMoreHistoryWinsOverAHigherId() {
        ZabRecord.Logged logged = new ZabRecord.Logged(new Txn(new Zxid(1, 1), "n1", 1,
                KvRequest.write("x", 1L, 0, 1)));
        CoreDriver n1 = new CoreDriver("n1", VOTERS, ZabConfig.defaults(),
                List.of(new ZabRecord.AcceptedEpoch(1), new ZabRecord.CurrentEpoch(1), logged)).clear();
        n1.receive("n3", looking(vote("n3", 0, 0, 0), 1));
        assertThat(n1.sentTo("n3")).as("n1 keeps its own, better vote").isEmpty();
        n1.receive("n2", looking(vote("n1", 1, 1, 1), 1)).tick(FINALIZE);
        assertThat(n1.core.state()).isEqualTo(ServerState.LEADING);
    }

    @Test
    void aLookingServerJoinsAnElectedLeaderOnceAQuorumReportsItAndTheLeaderSaysItLeads() {
        CoreDriver n1 = CoreDriver.start("n1", 5, ZabConfig.defaults());
        Vote elected = vote("n3", 0, 0, 0);
        n1.receive("n2", new Notification(elected, 2, ServerState.FOLLOWING));
        n1.receive("n4", new Notification(elected, 2, ServerState.FOLLOWING));
        assertThat(n1.core.state()).as("two reports are not a quorum of five").isEqualTo(ServerState.LOOKING);
        n1.receive("n5", new Notification(elected, 2, ServerState.FOLLOWING));
        assertThat(n1.core.state()).as("ZooKeeper's checkLeader: n3 itself has not said it leads").isEqualTo(ServerState.LOOKING);
        n1.receive("n3", new Notification(elected, 2, ServerState.LEADING));
        assertThat(n1.core.state()).isEqualTo(ServerState.FOLLOWING);
    }

    @Test
    void anElectedServerAnswersALookingVoterWithItsVoteAndState() {
        CoreDriver n2 = CoreDriver.start("n2", 3, ZabConfig.defaults());
        n2.receive("n1", looking(vote("n3", 0, 0, 0), 1));
        n2.receive("n3", looking(vote("n3", 0, 0, 0), 1)).tick(FINALIZE).clear();
        n2.receive("n1", looking(vote("n1", 0, 0, 0), 9));
        assertThat(n2.sentTo("n1")).containsExactly(new Notification(vote("n3", 0, 0, 0), 1, ServerState.FOLLOWING));
    }

    @Test
    void unansweredNotificationsAreResentWithABackoff() {
        CoreDriver n1 = CoreDriver.start("n1", 3, ZabConfig.defaults()).clear();
        ZabConfig config = ZabConfig.defaults();
        n1.tick(config.notificationTicks());
        assertThat(n1.sentTo("n2")).hasSize(1);
        n1.clear().tick(2 * config.notificationTicks() - 1);
        assertThat(n1.sentTo("n2")).as("the interval doubled").isEmpty();
        n1.tick(1);
        assertThat(n1.sentTo("n2")).hasSize(1);
    }

    @Test
    void observersNeverVoteAndFollowTheElectedLeader() {
        ZabConfig withObserver = ZabConfig.defaults().with(1, false, 10_000, Set.of());
        CoreDriver n4 = CoreDriver.start("n4", 3, withObserver);
        assertThat(n4.sentTo("n1")).containsExactly(looking(Vote.NONE, 1));
        CoreDriver n1 = CoreDriver.start("n1", 3, withObserver).clear();
        n1.receive("n4", looking(Vote.NONE, 5));
        assertThat(n1.sentTo("n2")).as("an observer's notification is never counted").isEmpty();
        Vote elected = vote("n3", 0, 0, 0);
        n4.receive("n2", new Notification(elected, 1, ServerState.FOLLOWING));
        n4.receive("n3", new Notification(elected, 1, ServerState.LEADING));
        assertThat(n4.core.state()).isEqualTo(ServerState.OBSERVING);
    }
}
