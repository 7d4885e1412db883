package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.SyncMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Goal: the leader's choice of DIFF, TRUNC or SNAP (the Zab paper's Phase 2, "Synchronization";
 * ZooKeeper's {@code LearnerHandler.syncFollower}) always leaves the learner with exactly the
 * leader's history. Method: scripted cases for each mode, then a property over random ZAB-shaped
 * histories checked against a brute-force oracle: apply the plan to the learner's history the
 * naive way and compare it with the leader's, zxid by zxid.
 */
class SyncPlanTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    private static Txn txn(long epoch, long counter) {
        return new Txn(new Zxid(epoch, counter), "n1", epoch * 1000 + counter,
                KvRequest.write("x", epoch * 1000 + counter, 0, epoch * 1000 + counter));
    }

    /** A leader whose history after {@code base} is {@code held}; everything up to {@code base} delivered. */
    private static Replica leader(Zxid base, List<Txn> held, Set<Bug> bugs) {
        ZabRecord.Snapshot snapshot = new ZabRecord.Snapshot(9, 9, base, Map.of("x", 0L), held);
        return new Replica("n1", NODES, ZabConfig.defaults().with(0, false, 10_000, bugs), ZabProbe.NONE, 0, List.of(snapshot));
    }

    private static List<Txn> history(long[][] epochsAndCounts) {
        List<Txn> txns = new ArrayList<>();
        for (long[] run : epochsAndCounts) {
            for (long counter = 1; counter <= run[1]; counter++) {
                txns.add(txn(run[0], counter));
            }
        }
        return txns;
    }

    @Test
    void eachModeInItsCase() {
        List<Txn> held = history(new long[][] {{1, 3}, {3, 2}});
        Replica replica = leader(Zxid.ZERO, held, Set.of());
        NewLeader same = SyncPlan.plan(replica, 4, new Zxid(3, 2), false);
        assertThat(same.mode()).isEqualTo(SyncMode.DIFF);
        assertThat(same.txns()).isEmpty();

        NewLeader behind = SyncPlan.plan(replica, 4, new Zxid(1, 2), false);
        assertThat(behind.mode()).isEqualTo(SyncMode.DIFF);
        assertThat(behind.txns()).extracting(Txn::zxid).containsExactly(new Zxid(1, 3), new Zxid(3, 1), new Zxid(3, 2));

        NewLeader ahead = SyncPlan.plan(replica, 4, new Zxid(3, 5), false);
        assertThat(ahead.mode()).isEqualTo(SyncMode.TRUNC);
        assertThat(ahead.truncateTo()).isEqualTo(new Zxid(3, 2));

        NewLeader divergent = SyncPlan.plan(replica, 4, new Zxid(2, 4), false);
        assertThat(divergent.mode()).as("2.x never reached this leader").isEqualTo(SyncMode.TRUNC);
        assertThat(divergent.truncateTo()).isEqualTo(new Zxid(1, 3));
        assertThat(divergent.txns()).extracting(Txn::zxid).containsExactly(new Zxid(3, 1), new Zxid(3, 2));

        Replica trimmed = leader(new Zxid(1, 3), history(new long[][] {{3, 2}}), Set.of());
        NewLeader old = SyncPlan.plan(trimmed, 4, new Zxid(1, 1), false);
        assertThat(old.mode()).isEqualTo(SyncMode.SNAP);
        assertThat(old.snapshotZxid()).isEqualTo(new Zxid(1, 3));
        assertThat(old.snapshotData()).containsEntry("x", 0L);
        assertThat(old.txns()).hasSize(2);
    }

    @Test
    void observersAreSyncedOnlyUpToTheCommitPoint() {
        Replica replica = leader(new Zxid(1, 1), history(new long[][] {{1, 3}}).subList(1, 3), Set.of());
        NewLeader plan = SyncPlan.plan(replica, 4, new Zxid(1, 1), true);
        assertThat(plan.txns()).as("nothing beyond the commit point 1.1").isEmpty();
    }

    @Test
    void withTheBugALearnerAheadOrDivergentIsNotTruncated() {
        Replica buggy = leader(Zxid.ZERO, history(new long[][] {{1, 3}, {3, 2}}), Set.of(Bug.SYNC_SKIP_TRUNC));
        assertThat(SyncPlan.plan(buggy, 4, new Zxid(3, 5), false).mode()).isEqualTo(SyncMode.DIFF);
        NewLeader divergent = SyncPlan.plan(buggy, 4, new Zxid(2, 4), false);
        assertThat(divergent.mode()).isEqualTo(SyncMode.DIFF);
        List<Txn> learner = new ArrayList<>(history(new long[][] {{1, 3}, {2, 4}}));
        assertThat(applyNaively(learner, divergent)).as("the phantom 2.x stays").isNotEqualTo(
                history(new long[][] {{1, 3}, {3, 2}}));
    }

    /**
     * Random ZAB-shaped histories: the leader's is runs of increasing epochs; the learner holds a
     * prefix of it that ends at a run boundary, maybe followed by txns of an epoch the leader
     * never saw (proposed by a leader that lost its quorum), or a longer prefix (it is behind).
     */
    @Property(tries = 500)
    void theLearnerEndsWithExactlyTheLeadersHistory(
            @ForAll @IntRange(min = 1, max = 4) int runs,
            @ForAll @IntRange(min = 0, max = 3) int extraCounter,
            @ForAll @IntRange(min = 0, max = 20) int cutSeed,
            @ForAll @IntRange(min = 0, max = 20) int baseSeed,
            @ForAll @IntRange(min = 0, max = 3) int divergentCount) {
        List<Txn> leaderHistory = new ArrayList<>();
        List<Integer> runEnds = new ArrayList<>(List.of(0));
        for (int run = 0; run < runs; run++) {
            long epoch = 2L * run + 1;
            for (long counter = 1; counter <= 1 + (run + extraCounter) % 3; counter++) {
                leaderHistory.add(txn(epoch, counter));
            }
            runEnds.add(leaderHistory.size());
        }
        int cut = runEnds.get(cutSeed % runEnds.size());
        boolean divergent = divergentCount > 0 && cut < leaderHistory.size();
        if (!divergent) {
            cut = cutSeed % (leaderHistory.size() + 1);
        }
        List<Txn> learnerHistory = new ArrayList<>(leaderHistory.subList(0, cut));
        if (divergent) {
            // An even epoch, between the cut's epoch and the next run's: the leader never had it.
            long epoch = cut == 0 ? 0 : learnerHistory.get(cut - 1).zxid().epoch() + 1;
            for (long counter = 1; counter <= divergentCount; counter++) {
                learnerHistory.add(txn(Math.max(epoch, 0), counter));
            }
            learnerHistory.removeIf(t -> t.zxid().epoch() == 0);
        }
        int base = baseSeed % (leaderHistory.size() + 1);
        Zxid baseZxid = base == 0 ? Zxid.ZERO : leaderHistory.get(base - 1).zxid();
        Replica replica = leader(baseZxid, leaderHistory.subList(base, leaderHistory.size()), Set.of());
        Zxid learnerLast = learnerHistory.isEmpty() ? Zxid.ZERO : learnerHistory.get(learnerHistory.size() - 1).zxid();

        NewLeader plan = SyncPlan.plan(replica, 99, learnerLast, false);

        List<Txn> synced = applyNaively(learnerHistory, plan);
        List<Txn> expected = plan.mode() == SyncMode.SNAP ? leaderHistory.subList(base, leaderHistory.size()) : leaderHistory;
        assertThat(synced).isEqualTo(expected);
        assertThat(plan.lastZxidAfter(learnerLast)).isEqualTo(replica.log.lastZxid());
    }

    /** The oracle: a learner applying a plan with list operations (after a SNAP, only what follows the snapshot). */
    private static List<Txn> applyNaively(List<Txn> learner, NewLeader plan) {
        List<Txn> result = new ArrayList<>(learner);
        switch (plan.mode()) {
            case SNAP -> result.clear();
            case TRUNC -> result.removeIf(t -> t.zxid().isAfter(plan.truncateTo()));
            case DIFF -> { }
        }
        for (Txn txn : plan.txns()) {
            if (result.isEmpty() || txn.zxid().isAfter(result.get(result.size() - 1).zxid())) {
                result.add(txn);
            }
        }
        return result;
    }
}
