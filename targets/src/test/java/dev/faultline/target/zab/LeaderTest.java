package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.Ack;
import dev.faultline.target.zab.ZabMessage.AckEpoch;
import dev.faultline.target.zab.ZabMessage.Commit;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.Forward;
import dev.faultline.target.zab.ZabMessage.Inform;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.Ping;
import dev.faultline.target.zab.ZabMessage.PingReply;
import dev.faultline.target.zab.ZabMessage.Proposal;
import dev.faultline.target.zab.ZabMessage.SyncReply;
import dev.faultline.target.zab.ZabMessage.SyncRequest;
import dev.faultline.target.zab.ZabMessage.UpToDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: an established leader broadcasts as the Zab paper's Phase 3, "Broadcast", and ZooKeeper's
 * {@code Leader.propose}, {@code processAck}/{@code tryToCommit} and {@code LearnerHandler} do:
 * zxids in order, commits in zxid order once a quorum made them durable, observers informed of
 * committed txns only. Method: a leader core established with n1 and n2 (n4 an observer where
 * needed), fed acks, pings, forwards and syncs.
 */
class LeaderTest {
    private static final List<String> VOTERS = List.of("n1", "n2", "n3");

    private static CoreDriver leader(ZabConfig config, List<String> learners) {
        CoreDriver n3 = CoreDriver.start("n3", 3, config).electedLeader(VOTERS);
        n3.establish(learners);
        return n3.clear();
    }

    private static CoreDriver leader() {
        return leader(ZabConfig.defaults(), List.of("n1", "n2"));
    }

    private static Zxid zxid(long counter) {
        return new Zxid(1, counter);
    }

    @Test
    void changesGetConsecutiveZxidsLoggedDurablyAndSentToEveryFollower() {
        CoreDriver n3 = leader();
        n3.request(KvRequest.write("x", 1L, 0, 1));
        n3.request(KvRequest.write("x", 2L, 0, 2));
        assertThat(n3.sentTo("n1", Proposal.class)).extracting(p -> p.txn().zxid()).containsExactly(zxid(1), zxid(2));
        assertThat(n3.sentTo("n2", Proposal.class)).hasSize(2);
        assertThat(n3.readies.get(0).mustSync()).isTrue();
    }

    @Test
    void theCommitPointIsTheHighestZxidAQuorumMadeDurableAnnouncedOneZxidAtATime() {
        CoreDriver n3 = leader();
        long first = n3.request(KvRequest.write("x", 1L, 0, 1));
        n3.request(KvRequest.write("x", 2L, 0, 2));
        long third = n3.request(KvRequest.write("x", 3L, 0, 3));
        n3.receive("n2", new Ack(1, zxid(2), false));
        assertThat(n3.sentTo("n1", Commit.class)).extracting(Commit::zxid).containsExactly(zxid(1), zxid(2));
        assertThat(n3.replyTo(first)).isEqualTo(KvReply.ok(null, Map.of(KvReply.POSITION, zxid(1).packed())));
        assertThat(n3.replyTo(third)).as("3 is durable on n3 alone").isNull();
        n3.receive("n1", new Ack(1, zxid(1), false));
        assertThat(n3.sentTo("n1", Commit.class)).as("an older ack changes nothing").hasSize(2);
        n3.receive("n1", new Ack(1, zxid(3), false));
        assertThat(n3.replyTo(third)).isNotNull();
        assertThat(n3.core.delivered()).isEqualTo(zxid(3));
    }

    @Test
    void unacknowledgedProposalsAreResentAfterTheRetransmitInterval() {
        CoreDriver n3 = leader();
        n3.request(KvRequest.write("x", 1L, 0, 1));
        n3.receive("n2", new Ack(1, zxid(1), false)).clear();
        n3.tick(ZabConfig.defaults().retransmitTicks());
        assertThat(n3.sentTo("n1", Proposal.class)).extracting(p -> p.txn().zxid()).containsExactly(zxid(1));
        assertThat(n3.sentTo("n2", Proposal.class)).as("n2 acknowledged it").isEmpty();
    }

    @Test
    void aDuplicatedForwardIsProposedOnce() {
        CoreDriver n3 = leader();
        Forward forward = new Forward(1, 77, KvRequest.write("x", 1L, 0, 1));
        n3.receive("n1", forward);
        n3.receive("n1", forward);
        assertThat(n3.sentTo("n2", Proposal.class)).hasSize(1);
        assertThat(n3.sentTo("n2", Proposal.class).get(0).txn()).isEqualTo(new Txn(zxid(1), "n1", 77, forward.request()));
    }

    @Test
    void aSyncIsAnsweredOnceAQuorumAnsweredAPingRoundThatStartedAfterIt() {
        CoreDriver n3 = leader();
        n3.request(KvRequest.write("x", 1L, 0, 1));
        n3.receive("n1", new Ack(1, zxid(1), false)).clear();
        n3.receive("n2", new SyncRequest(1, 5));
        Ping ping = n3.lastSentTo("n1", Ping.class);
        n3.receive("n1", new PingReply(1, ping.round() - 1));
        assertThat(n3.sentTo("n2", SyncReply.class)).as("an older round proves nothing").isEmpty();
        n3.receive("n1", new PingReply(1, ping.round()));
        assertThat(n3.sentTo("n2", SyncReply.class)).containsExactly(new SyncReply(1, 5, zxid(1)));
    }

    @Test
    void aLeaderWithoutAQuorumForTheSyncLimitLooksAgain() {
        leader().assertLooksAgainAfterSilenceGivingUpItsClients();
    }

    @Test
    void pingAnswersKeepTheLeaderInOffice() {
        CoreDriver n3 = leader();
        for (int i = 0; i < 3 * ZabConfig.defaults().syncLimitTicks(); i++) {
            n3.tick(1);
            List<Ping> pings = n3.sentTo("n1", Ping.class);
            if (!pings.isEmpty()) {
                n3.receive("n1", new PingReply(1, pings.get(pings.size() - 1).round())).clear();
            }
        }
        assertThat(n3.core.state()).isEqualTo(ServerState.LEADING);
    }

    @Test
    void aSpentZxidCounterForcesANewEpoch() {
        CoreDriver n3 = leader(ZabConfig.defaults().withCounterLimit(2), List.of("n1", "n2"));
        n3.request(KvRequest.write("x", 1L, 0, 1));
        n3.request(KvRequest.write("x", 2L, 0, 2));
        long third = n3.request(KvRequest.write("x", 3L, 0, 3));
        assertThat(n3.replyTo(third)).isEqualTo(KvReply.fail(KvErrors.UNAVAILABLE));
        assertThat(n3.core.state()).as("ZooKeeper's XidRolloverException").isEqualTo(ServerState.LOOKING);
        assertThat(n3.sentTo("n1", Proposal.class)).hasSize(2);
    }

    @Test
    void aLearnerThatJoinsAnEstablishedLeaderIsSyncedAndUpToDateAtOnce() {
        CoreDriver n3 = leader(ZabConfig.defaults(), List.of("n1"));
        n3.request(KvRequest.write("x", 1L, 0, 1));
        n3.receive("n1", new Ack(1, zxid(1), false));
        n3.receive("n2", new FollowerInfo(0, Zxid.ZERO, false));
        n3.receive("n2", new AckEpoch(1, 0, Zxid.ZERO, true));
        NewLeader sync = n3.lastSentTo("n2", NewLeader.class);
        assertThat(sync.txns()).extracting(Txn::zxid).containsExactly(zxid(1));
        assertThat(sync.committed()).isEqualTo(zxid(1));
        n3.receive("n2", new Ack(1, zxid(1), true));
        assertThat(n3.lastSentTo("n2", UpToDate.class)).isEqualTo(new UpToDate(1, zxid(1)));
    }

    @Test
    void observersAreInformedOfCommittedTxnsOnlyAndNeverCountForAQuorum() {
        ZabConfig withObserver = ZabConfig.defaults().with(1, false, 10_000, Set.of());
        CoreDriver n3 = CoreDriver.start("n3", 3, withObserver).electedLeader(VOTERS);
        n3.receive("n1", new FollowerInfo(0, Zxid.ZERO, false));
        n3.receive("n4", new FollowerInfo(0, Zxid.ZERO, true));
        n3.receive("n4", new AckEpoch(1, 0, Zxid.ZERO, true));
        assertThat(n3.core.currentEpoch()).as("an observer's ack does not establish the epoch").isZero();
        n3.receive("n1", new AckEpoch(1, 0, Zxid.ZERO, true));
        assertThat(n3.sentTo("n4", NewLeader.class)).as("observers are synced once the leader is established").isEmpty();
        n3.receive("n1", new Ack(1, Zxid.ZERO, true));
        assertThat(n3.core.serving()).isTrue();
        assertThat(n3.sentTo("n4", NewLeader.class)).hasSize(1);
        n3.receive("n4", new Ack(1, Zxid.ZERO, true));
        assertThat(n3.lastSentTo("n4", UpToDate.class)).isEqualTo(new UpToDate(1, Zxid.ZERO));
        n3.clear().request(KvRequest.write("x", 1L, 0, 1));
        assertThat(n3.sentTo("n4")).as("no proposal for an observer").isEmpty();
        n3.receive("n4", new Ack(1, zxid(1), false));
        assertThat(n3.sentTo("n1", Commit.class)).as("an observer's ack never commits").isEmpty();
        n3.receive("n1", new Ack(1, zxid(1), false));
        assertThat(n3.sentTo("n4", Inform.class)).extracting(i -> i.txn().zxid()).containsExactly(zxid(1));
    }
}
