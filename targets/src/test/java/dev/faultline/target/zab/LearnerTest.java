package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.Ack;
import dev.faultline.target.zab.ZabMessage.Commit;
import dev.faultline.target.zab.ZabMessage.Forward;
import dev.faultline.target.zab.ZabMessage.Inform;
import dev.faultline.target.zab.ZabMessage.LeaderInfo;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.Notification;
import dev.faultline.target.zab.ZabMessage.Ping;
import dev.faultline.target.zab.ZabMessage.PingReply;
import dev.faultline.target.zab.ZabMessage.Proposal;
import dev.faultline.target.zab.ZabMessage.SyncMode;
import dev.faultline.target.zab.ZabMessage.SyncReply;
import dev.faultline.target.zab.ZabMessage.SyncRequest;
import dev.faultline.target.zab.ZabMessage.UpToDate;
import dev.faultline.target.zab.ZabRecord.AcceptedEpoch;
import dev.faultline.target.zab.ZabRecord.CurrentEpoch;
import dev.faultline.target.zab.ZabRecord.Logged;
import dev.faultline.target.zab.ZabRecord.Truncated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: a learner synchronizes and follows the broadcast as the Zab paper's Phases 2 and 3 and
 * ZooKeeper's {@code Learner.syncWithLeader}, {@code Follower} and {@code Observer} say. Method:
 * a learner core registered with n3 in epoch 2, fed NEWLEADER, proposals, commits and pings.
 */
class LearnerTest {
    private static final List<String> VOTERS = List.of("n1", "n2", "n3");
    private static final long EPOCH = 2;

    private static Txn txn(long epoch, long counter, String origin, long requestId) {
        return new Txn(new Zxid(epoch, counter), origin, requestId, KvRequest.write("x", epoch * 100 + counter, 0, requestId));
    }

    /** n1 (or the observer n4) with history 1.1..1.{logged}, registered with n3 and having promised epoch 2. */
    private static CoreDriver learner(String node, ZabConfig config, int logged) {
        List<ZabRecord> disk = new ArrayList<>(List.of(new AcceptedEpoch(1), new CurrentEpoch(1)));
        for (int counter = 1; counter <= logged; counter++) {
            disk.add(new Logged(txn(1, counter, "n3", counter)));
        }
        List<String> nodes = new ArrayList<>(VOTERS);
        for (int i = 0; i < config.observerCount(); i++) {
            nodes.add("n" + (4 + i));
        }
        CoreDriver learner = new CoreDriver(node, nodes, config, disk);
        Vote n3 = new Vote("n3", new Zxid(1, logged), 1);
        learner.receive("n2", new Notification(n3, 1, ServerState.FOLLOWING));
        learner.receive("n3", new Notification(n3, 1, ServerState.LEADING));
        learner.receive("n3", new LeaderInfo(EPOCH));
        return learner.clear();
    }

    private static NewLeader newLeader(SyncMode mode, Zxid truncateTo, List<Txn> txns, Zxid committed) {
        return new NewLeader(EPOCH, mode, truncateTo, Zxid.ZERO, Map.of(), txns, committed);
    }

    /** n1, which delivered up to 1.3, told by n3's NEWLEADER of epoch 2 to truncate to 1.1. */
    private static CoreDriver truncatedBelowDelivered() {
        List<ZabRecord> disk = List.of(new ZabRecord.Snapshot(1, 1, new Zxid(1, 3), Map.of("x", 103L), List.of()));
        CoreDriver n1 = new CoreDriver("n1", VOTERS, ZabConfig.defaults(), disk);
        Vote n3 = new Vote("n3", new Zxid(1, 1), 1);
        n1.receive("n2", new Notification(n3, 1, ServerState.FOLLOWING));
        n1.receive("n3", new Notification(n3, 1, ServerState.LEADING));
        n1.receive("n3", new LeaderInfo(EPOCH)).clear();
        n1.receive("n3", newLeader(SyncMode.TRUNC, new Zxid(1, 1), List.of(), new Zxid(1, 1)));
        return n1;
    }

    private static CoreDriver upToDate(String node, ZabConfig config) {
        CoreDriver learner = learner(node, config, 0);
        learner.receive("n3", newLeader(SyncMode.DIFF, Zxid.ZERO, List.of(), Zxid.ZERO));
        learner.receive("n3", new UpToDate(EPOCH, Zxid.ZERO));
        assertThat(learner.core.serving()).isTrue();
        return learner.clear();
    }

    @Test
    void newLeaderIsAcknowledgedOnlyAfterTheSyncedHistoryAndTheEpochAreDurable() {
        CoreDriver n1 = learner("n1", ZabConfig.defaults(), 2);
        NewLeader diff = newLeader(SyncMode.DIFF, Zxid.ZERO, List.of(txn(1, 3, "n3", 3)), new Zxid(1, 2));
        n1.receive("n3", diff);
        Ack ack = n1.lastSentTo("n3", Ack.class);
        assertThat(ack).isEqualTo(new Ack(EPOCH, new Zxid(1, 3), true));
        Ready<ZabMessage, ZabRecord> ready = n1.readyThatSent(ack);
        assertThat(ready.records()).containsExactly(new Logged(txn(1, 3, "n3", 3)), new CurrentEpoch(EPOCH));
        assertThat(ready.mustSync()).isTrue();
        assertThat(ready.messagesAfterPersist()).extracting(e -> e.message()).containsExactly(ack);
        assertThat(n1.core.delivered()).as("delivered up to the leader's commit point").isEqualTo(new Zxid(1, 2));
        assertThat(n1.core.serving()).as("not before UPTODATE").isFalse();
    }

    @Test
    void withTheBugNewLeaderIsAcknowledgedBeforeAnythingIsDurable() {
        CoreDriver n1 = learner("n1", ZabConfig.defaults().with(0, false, 10_000, Set.of(Bug.ACK_NEWLEADER_BEFORE_FSYNC)), 2);
        n1.receive("n3", newLeader(SyncMode.DIFF, Zxid.ZERO, List.of(txn(1, 3, "n3", 3)), new Zxid(1, 2)));
        Ack ack = n1.lastSentTo("n3", Ack.class);
        Ready<ZabMessage, ZabRecord> ready = n1.readyThatSent(ack);
        assertThat(ready.messages()).extracting(e -> e.message()).containsExactly(ack);
        assertThat(ready.records()).as("the epoch first, the txns only in a later batch").containsExactly(new CurrentEpoch(EPOCH));
        n1.tick(1);
        assertThat(n1.persisted()).endsWith(new Logged(txn(1, 3, "n3", 3)));
        assertThat(n1.readies.get(n1.readies.size() - 1).mustSync()).isFalse();
    }

    @Test
    void withTheBugTheHeldBackTxnsStillReachTheDiskInHistoryOrderSoARestartRecovers() {
        ZabConfig buggy = ZabConfig.defaults().with(0, false, 10_000, Set.of(Bug.ACK_NEWLEADER_BEFORE_FSYNC));
        CoreDriver n1 = learner("n1", buggy, 2);
        n1.receiveInOneBatch("n3", newLeader(SyncMode.DIFF, Zxid.ZERO, List.of(txn(1, 3, "n3", 3)), new Zxid(1, 2)),
                new UpToDate(EPOCH, new Zxid(1, 2)), new Proposal(EPOCH, txn(2, 1, "n3", 4)));
        assertThat(n1.persisted()).filteredOn(Logged.class::isInstance)
                .containsExactly(new Logged(txn(1, 3, "n3", 3)), new Logged(txn(2, 1, "n3", 4)));
        CoreDriver restarted = new CoreDriver("n1", VOTERS, buggy, n1.disk);
        assertThat(restarted.core.lastZxid()).isEqualTo(new Zxid(2, 1));
    }

    @Test
    void truncCutsUncommittedTxnsTheLeaderNeverHad() {
        CoreDriver n1 = learner("n1", ZabConfig.defaults(), 4);
        n1.receive("n3", newLeader(SyncMode.TRUNC, new Zxid(1, 2), List.of(txn(2, 1, "n3", 9)), new Zxid(1, 2)));
        assertThat(n1.persisted()).startsWith(new Truncated(new Zxid(1, 2)), new Logged(txn(2, 1, "n3", 9)));
        assertThat(n1.core.lastZxid()).isEqualTo(new Zxid(2, 1));
        assertThat(n1.lastSentTo("n3", Ack.class)).isEqualTo(new Ack(EPOCH, new Zxid(2, 1), true));
    }

    @Test
    void snapReplacesTheWholeState() {
        CoreDriver n1 = learner("n1", ZabConfig.defaults(), 1);
        n1.receive("n3", new NewLeader(EPOCH, SyncMode.SNAP, Zxid.ZERO, new Zxid(1, 7), Map.of("x", 107L, "y", 5L),
                List.of(), new Zxid(1, 7)));
        ZabRecord.Snapshot snapshot = (ZabRecord.Snapshot) n1.persisted().get(0);
        assertThat(snapshot.zxid()).isEqualTo(new Zxid(1, 7));
        assertThat(snapshot.data()).containsEntry("y", 5L);
        assertThat(n1.core.valueOf("y")).isEqualTo(5L);
        assertThat(n1.core.delivered()).isEqualTo(new Zxid(1, 7));
    }

    @Test
    void aTruncBelowDeliveredStateStartsTheLearnerOverFromNothing() {
        // Only a planted bug can make a leader cut delivered txns; the learner then drops everything
        // and registers again from the empty history rather than keep state it cannot roll back.
        CoreDriver n1 = truncatedBelowDelivered();
        assertThat(n1.sentTo("n3", Ack.class)).isEmpty();
        assertThat(n1.lastSentTo("n3", ZabMessage.FollowerInfo.class).lastZxid()).isEqualTo(Zxid.ZERO);
        assertThat(((ZabRecord.Snapshot) n1.persisted().get(0)).zxid()).isEqualTo(Zxid.ZERO);
        assertThat(n1.core.valueOf("x")).isNull();
    }

    @Test
    void aLearnerStartedOverForgetsTheCommitPointOfTheHistoryItDropped() {
        // Found by faultline test (docs/nemesis-scripts/zab-ack-newleader.txt with the
        // ack-newleader-before-fsync bug): the started-over learner kept its old commit point 1.3,
        // which the new leader's history (1.1, then 2.1) has nothing at, and its delivery loop
        // stopped the node on an invariant instead of following the new history.
        CoreDriver n1 = truncatedBelowDelivered().clear();
        n1.receive("n3", new LeaderInfo(EPOCH)).clear();
        n1.receive("n3", newLeader(SyncMode.DIFF, Zxid.ZERO, List.of(txn(1, 1, "n3", 1), txn(EPOCH, 1, "n3", 2)),
                new Zxid(1, 1)));
        assertThat(n1.sentTo("n3", Ack.class)).isNotEmpty();
        assertThat(n1.core.valueOf("x")).isEqualTo(101L);
    }

    @Test
    void proposalsAreLoggedAndSyncedBeforeTheirAckAndHeldWhenTheyArriveEarly() {
        CoreDriver n1 = upToDate("n1", ZabConfig.defaults());
        n1.receive("n3", new Proposal(EPOCH, txn(2, 2, "n3", 2)));
        assertThat(n1.persisted()).as("2.2 waits for 2.1").isEmpty();
        assertThat(n1.lastSentTo("n3", Ack.class).zxid()).as("the ack says where the gap is").isEqualTo(Zxid.ZERO);
        n1.clear().receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        assertThat(n1.persisted()).containsExactly(new Logged(txn(2, 1, "n3", 1)), new Logged(txn(2, 2, "n3", 2)));
        Ack ack = n1.lastSentTo("n3", Ack.class);
        assertThat(ack.zxid()).isEqualTo(new Zxid(2, 2));
        assertThat(n1.readyThatSent(ack).mustSync()).isTrue();
        assertThat(n1.readyThatSent(ack).messagesAfterPersist()).extracting(e -> e.message()).contains(ack);
        n1.clear().receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        assertThat(n1.persisted()).as("a duplicate is not logged again").isEmpty();
        assertThat(n1.lastSentTo("n3", Ack.class).zxid()).isEqualTo(new Zxid(2, 2));
    }

    @Test
    void commitsAreCumulativeAndDeliverInZxidOrder() {
        CoreDriver n1 = upToDate("n1", ZabConfig.defaults());
        n1.receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        n1.receive("n3", new Proposal(EPOCH, txn(2, 2, "n3", 2)));
        n1.receive("n3", new Commit(EPOCH, new Zxid(2, 2)));
        assertThat(n1.core.delivered()).isEqualTo(new Zxid(2, 2));
        assertThat(n1.core.valueOf("x")).isEqualTo(202L);
    }

    @Test
    void withTheBugACommitThatArrivesEarlyIsDeliveredOutOfOrder() {
        CoreDriver n1 = upToDate("n1", ZabConfig.defaults().with(0, false, 10_000, Set.of(Bug.COMMIT_OUT_OF_ORDER)));
        n1.receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        n1.receive("n3", new Proposal(EPOCH, txn(2, 2, "n3", 2)));
        n1.receive("n3", new Commit(EPOCH, new Zxid(2, 2)));
        n1.receive("n3", new Commit(EPOCH, new Zxid(2, 1)));
        assertThat(n1.core.valueOf("x")).as("2.1's value overwrote 2.2's").isEqualTo(201L);
    }

    @Test
    void pingsAreAnsweredAndCarryTheCommitPoint() {
        CoreDriver n1 = upToDate("n1", ZabConfig.defaults());
        n1.receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        n1.receive("n3", new Ping(EPOCH, 7, new Zxid(2, 1)));
        assertThat(n1.lastSentTo("n3", PingReply.class)).isEqualTo(new PingReply(EPOCH, 7));
        assertThat(n1.core.delivered()).as("a lost COMMIT heals with the next ping").isEqualTo(new Zxid(2, 1));
    }

    @Test
    void aLearnerThatHearsNothingForTheSyncLimitLooksAgainAndGivesUpItsClients() {
        upToDate("n1", ZabConfig.defaults()).assertLooksAgainAfterSilenceGivingUpItsClients();
    }

    @Test
    void changesAreForwardedAndAnsweredWhenTheirTxnIsDelivered() {
        CoreDriver n1 = upToDate("n1", ZabConfig.defaults());
        long write = n1.request(KvRequest.write("x", 5L, 0, 1));
        Forward forward = n1.lastSentTo("n3", Forward.class);
        assertThat(n1.replyTo(write)).isNull();
        Txn txn = new Txn(new Zxid(2, 1), "n1", forward.requestId(), forward.request());
        n1.receive("n3", new Proposal(EPOCH, txn));
        n1.receive("n3", new Commit(EPOCH, new Zxid(2, 1)));
        assertThat(n1.replyTo(write)).isEqualTo(KvReply.ok(null, Map.of(KvReply.POSITION, new Zxid(2, 1).packed())));
    }

    @Test
    void localReadsAnswerAtOnceAndSyncedReadsWaitForTheLeadersCommitPoint() {
        CoreDriver local = upToDate("n1", ZabConfig.defaults());
        assertThat(local.replyTo(local.request(KvRequest.read("x", 0, 1))))
                .isEqualTo(KvReply.ok(null, Map.of(KvReply.POSITION, 0L)));

        CoreDriver synced = upToDate("n1", ZabConfig.defaults().with(0, true, 10_000, Set.of()));
        long read = synced.request(KvRequest.read("x", 0, 1));
        SyncRequest sync = synced.lastSentTo("n3", SyncRequest.class);
        synced.receive("n3", new SyncReply(EPOCH, sync.requestId(), new Zxid(2, 1)));
        assertThat(synced.replyTo(read)).as("2.1 is not delivered here yet").isNull();
        synced.receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        synced.receive("n3", new Commit(EPOCH, new Zxid(2, 1)));
        assertThat(synced.replyTo(read)).isEqualTo(KvReply.ok(201L, Map.of(KvReply.POSITION, new Zxid(2, 1).packed())));
    }

    @Test
    void aClientThatSawANewerPositionIsRefusedUnlessTheCheckIsSkipped() {
        KvRequest ahead = KvRequest.read("x", 0, 1).withSeenPosition(new Zxid(2, 5).packed());
        CoreDriver n1 = upToDate("n1", ZabConfig.defaults());
        assertThat(n1.replyTo(n1.request(ahead)).error()).isEqualTo(KvErrors.SERVER_BEHIND);
        CoreDriver buggy = upToDate("n1", ZabConfig.defaults().with(0, false, 10_000, Set.of(Bug.SKIP_ZXID_CHECK_ON_CONNECT)));
        assertThat(buggy.replyTo(buggy.request(ahead)).isOk()).isTrue();
    }

    @Test
    void aServerThatIsNotUpToDateServesNoClient() {
        CoreDriver n1 = learner("n1", ZabConfig.defaults(), 0);
        assertThat(n1.replyTo(n1.request(KvRequest.read("x", 0, 1)))).isEqualTo(KvReply.fail(KvErrors.UNAVAILABLE));
    }

    @Test
    void anObserverTakesOnlyInformsAndDeliversThemAtOnce() {
        ZabConfig withObserver = ZabConfig.defaults().with(1, false, 10_000, Set.of());
        CoreDriver n4 = learner("n4", withObserver, 0);
        assertThat(n4.core.state()).isEqualTo(ServerState.OBSERVING);
        n4.receive("n3", newLeader(SyncMode.DIFF, Zxid.ZERO, List.of(), Zxid.ZERO));
        n4.receive("n3", new UpToDate(EPOCH, Zxid.ZERO));
        n4.receive("n3", new Proposal(EPOCH, txn(2, 1, "n3", 1)));
        assertThat(n4.core.lastZxid()).as("observers ignore proposals").isEqualTo(Zxid.ZERO);
        n4.receive("n3", new Inform(EPOCH, txn(2, 1, "n3", 1)));
        assertThat(n4.core.delivered()).isEqualTo(new Zxid(2, 1));
    }
}
