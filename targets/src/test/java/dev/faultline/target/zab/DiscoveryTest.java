package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.Ack;
import dev.faultline.target.zab.ZabMessage.AckEpoch;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.LeaderInfo;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.Notification;
import dev.faultline.target.zab.ZabMessage.Proposal;
import dev.faultline.target.zab.ZabMessage.UpToDate;
import dev.faultline.target.zab.ZabRecord.AcceptedEpoch;
import dev.faultline.target.zab.ZabRecord.CurrentEpoch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: discovery and the start of synchronization follow the Zab paper's Phase 1, "Discovery",
 * and ZooKeeper's {@code Leader.getEpochToPropose}, {@code waitForEpochAck},
 * {@code waitForNewLeaderAck} and {@code Learner.registerWithLeader}. Method: a leader core and a
 * learner core driven by scripted messages; what they persist and send, and in which order.
 */
class DiscoveryTest {
    private static final List<String> VOTERS = List.of("n1", "n2", "n3");

    private static CoreDriver electedN3() {
        return CoreDriver.start("n3", 3, ZabConfig.defaults()).electedLeader(VOTERS).clear();
    }

    private static CoreDriver followerOfN3() {
        CoreDriver n1 = CoreDriver.start("n1", 3, ZabConfig.defaults());
        Vote n3 = new Vote("n3", Zxid.ZERO, 0);
        n1.receive("n2", new Notification(n3, 1, ServerState.FOLLOWING));
        n1.receive("n3", new Notification(n3, 1, ServerState.LEADING));
        assertThat(n1.core.state()).isEqualTo(ServerState.FOLLOWING);
        return n1;
    }

    @Test
    void theNewEpochIsOneAboveEveryEpochAQuorumAccepted() {
        CoreDriver n3 = electedN3();
        n3.receive("n1", new FollowerInfo(4, Zxid.ZERO, false));
        LeaderInfo info = n3.lastSentTo("n1", LeaderInfo.class);
        assertThat(info.epoch()).isEqualTo(5);
        assertThat(n3.persisted()).containsExactly(new AcceptedEpoch(5));
        assertThat(n3.readyThatSent(info).mustSync()).isTrue();
        assertThat(n3.readyThatSent(info).messagesAfterPersist()).as("promised durably before it is announced")
                .extracting(e -> e.message()).contains(info);
        n3.receive("n2", new FollowerInfo(5, Zxid.ZERO, false));
        assertThat(n3.lastSentTo("n2", LeaderInfo.class).epoch()).as("a late learner gets the chosen epoch").isEqualTo(5);
    }

    @Test
    void anObserversPromiseRaisesTheNewEpochThoughItIsNoPartOfTheQuorum() {
        CoreDriver n3 = CoreDriver.start("n3", 3, ZabConfig.defaults().with(1, false, 10_000, Set.of()))
                .electedLeader(VOTERS).clear();
        n3.receive("n4", new FollowerInfo(7, Zxid.ZERO, true));
        assertThat(n3.sentTo("n4", LeaderInfo.class)).isEmpty();
        n3.receive("n1", new FollowerInfo(2, Zxid.ZERO, false));
        assertThat(n3.lastSentTo("n4", LeaderInfo.class).epoch()).isEqualTo(8);
    }

    @Test
    void aLearnerThatPromisedAHigherEpochMakesAnEstablishedLeaderGiveWaySoItCanJoinTheNextEpoch() {
        CoreDriver n3 = CoreDriver.start("n3", 3, ZabConfig.defaults()).electedLeader(VOTERS);
        n3.establish(List.of("n1"));
        assertThat(n3.core.serving()).isTrue();
        n3.receive("n2", new FollowerInfo(1, Zxid.ZERO, false));
        assertThat(n3.core.state()).as("epoch 1 is no promise broken").isEqualTo(ServerState.LEADING);
        // n2 had tried to lead epoch 4 behind a one-way partition: it would refuse epoch 1 forever.
        n3.receive("n2", new FollowerInfo(4, Zxid.ZERO, false));
        assertThat(n3.core.state()).isEqualTo(ServerState.LOOKING);
    }

    @Test
    void withFiveVotersOneLearnerIsNotAQuorum() {
        CoreDriver n5 = CoreDriver.start("n5", 5, ZabConfig.defaults())
                .electedLeader(List.of("n1", "n2", "n3", "n4", "n5")).clear();
        n5.receive("n1", new FollowerInfo(0, Zxid.ZERO, false));
        assertThat(n5.sentTo("n1", LeaderInfo.class)).isEmpty();
        n5.receive("n2", new FollowerInfo(0, Zxid.ZERO, false));
        assertThat(n5.sentTo("n1", LeaderInfo.class)).extracting(LeaderInfo::epoch).containsExactly(1L);
    }

    @Test
    void aLearnerWithMoreRecentHistoryMakesTheProspectiveLeaderGiveUp() {
        CoreDriver n3 = electedN3();
        n3.receive("n1", new FollowerInfo(0, Zxid.ZERO, false));
        n3.receive("n1", new AckEpoch(1, 0, new Zxid(0, 3), true));
        assertThat(n3.core.state()).isEqualTo(ServerState.LOOKING);
    }

    @Test
    void theEpochIsAdoptedOnceAQuorumAcknowledgedItAndOnlyCountingAcksCount() {
        CoreDriver n5 = CoreDriver.start("n5", 5, ZabConfig.defaults())
                .electedLeader(List.of("n1", "n2", "n3", "n4", "n5")).clear();
        n5.receive("n1", new FollowerInfo(0, Zxid.ZERO, false));
        n5.receive("n2", new FollowerInfo(0, Zxid.ZERO, false));
        n5.receive("n3", new FollowerInfo(1, Zxid.ZERO, false));
        n5.receive("n1", new AckEpoch(1, 0, Zxid.ZERO, true));
        n5.receive("n3", new AckEpoch(1, 0, Zxid.ZERO, false));
        assertThat(n5.core.currentEpoch()).as("n3 had accepted epoch 1 before: its ack does not count").isZero();
        n5.receive("n2", new AckEpoch(1, 0, Zxid.ZERO, true));
        assertThat(n5.core.currentEpoch()).isEqualTo(1);
        assertThat(n5.persisted()).contains(new CurrentEpoch(1));
        assertThat(n5.sentTo("n1", NewLeader.class)).hasSize(1);
    }

    @Test
    void clientsAreServedOnlyOnceAQuorumAcknowledgedNewLeader() {
        CoreDriver n3 = electedN3();
        n3.receive("n1", new FollowerInfo(0, Zxid.ZERO, false));
        n3.receive("n1", new AckEpoch(1, 0, Zxid.ZERO, true));
        long early = n3.request(KvRequest.write("x", 1L, 0, 1));
        assertThat(n3.replyTo(early)).isEqualTo(KvReply.fail(KvErrors.UNAVAILABLE));
        n3.receive("n1", new Ack(1, Zxid.ZERO, true));
        assertThat(n3.core.serving()).isTrue();
        assertThat(n3.sentTo("n1", UpToDate.class)).hasSize(1);
        n3.request(KvRequest.write("x", 1L, 0, 2));
        assertThat(n3.lastSentTo("n1", Proposal.class).txn().zxid()).isEqualTo(new Zxid(1, 1));
    }

    @Test
    void aLearnerPromisesAHigherEpochDurablyBeforeAcknowledging() {
        CoreDriver n1 = followerOfN3().clear();
        n1.receive("n3", new LeaderInfo(5));
        AckEpoch ack = n1.lastSentTo("n3", AckEpoch.class);
        assertThat(ack).isEqualTo(new AckEpoch(5, 0, Zxid.ZERO, true));
        assertThat(n1.persisted()).containsExactly(new AcceptedEpoch(5));
        assertThat(n1.readyThatSent(ack).mustSync()).isTrue();
        assertThat(n1.readyThatSent(ack).messagesAfterPersist()).extracting(e -> e.message()).contains(ack);
    }

    @Test
    void aLearnerTreatsALeaderBelowItsAcceptedEpochAsStaleAndAnEqualOneAsNotCounting() {
        CoreDriver stale = new CoreDriver("n1", VOTERS, ZabConfig.defaults(), List.of(new AcceptedEpoch(6)));
        Vote n3 = new Vote("n3", Zxid.ZERO, 0);
        stale.receive("n2", new Notification(n3, 1, ServerState.FOLLOWING));
        stale.receive("n3", new Notification(n3, 1, ServerState.LEADING));
        stale.receive("n3", new LeaderInfo(5));
        assertThat(stale.core.state()).isEqualTo(ServerState.LOOKING);

        CoreDriver equal = new CoreDriver("n1", VOTERS, ZabConfig.defaults(), List.of(new AcceptedEpoch(5)));
        equal.receive("n2", new Notification(n3, 1, ServerState.FOLLOWING));
        equal.receive("n3", new Notification(n3, 1, ServerState.LEADING)).clear();
        equal.receive("n3", new LeaderInfo(5));
        assertThat(equal.lastSentTo("n3", AckEpoch.class).counts()).isFalse();
        assertThat(equal.persisted()).as("nothing new to promise").isEmpty();
    }

    @Test
    void aLearnerRepeatsItsHandshakeStepUntilTheNextOneArrives() {
        CoreDriver n1 = followerOfN3().clear();
        n1.tick(ZabConfig.defaults().retransmitTicks());
        assertThat(n1.sentTo("n3", FollowerInfo.class)).hasSize(1);
        n1.receive("n3", new LeaderInfo(1)).clear();
        n1.tick(ZabConfig.defaults().retransmitTicks());
        assertThat(n1.sentTo("n3", AckEpoch.class)).hasSize(1);
    }

    @Test
    void aLearnerThatIsNotUpToDateWithinTheInitLimitLooksAgain() {
        CoreDriver n1 = followerOfN3();
        for (int i = 0; i < ZabConfig.defaults().initLimitTicks(); i += 5) {
            n1.receive("n3", new LeaderInfo(1)).tick(5);
        }
        n1.tick(1);
        assertThat(n1.core.state()).isEqualTo(ServerState.LOOKING);
    }
}
