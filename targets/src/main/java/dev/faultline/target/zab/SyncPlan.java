package dev.faultline.target.zab;

import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.SyncMode;
import java.util.List;
import java.util.Map;

/**
 * How the leader brings one learner's history in line with its own (ZooKeeper's
 * {@code LearnerHandler.syncFollower}), given where the learner's history ends:
 *
 * <ul>
 *   <li>it ends where the leader's does: an empty DIFF;
 *   <li>it ends beyond the leader's history: TRUNC back to the leader's last zxid;
 *   <li>it ends at a zxid the leader holds: DIFF, the transactions after it;
 *   <li>it ends at a zxid the leader does not hold, inside the leader's range: it holds
 *       transactions that never reached this leader (proposed by an old leader, never
 *       committed); TRUNC to the leader's last zxid below it, then DIFF;
 *   <li>it ends before what the leader holds in memory: SNAP.
 * </ul>
 *
 * An observer is synced only up to the commit point, since it never sees proposals.
 */
final class SyncPlan {
    private SyncPlan() {}

    static NewLeader plan(Replica replica, long epoch, Zxid learnerLast, boolean observer) {
        TxnLog log = replica.log;
        Zxid upTo = observer ? Zxid.min(replica.committed, log.lastZxid()) : log.lastZxid();
        boolean skipTrunc = replica.config.has(Bug.SYNC_SKIP_TRUNC);
        if (learnerLast.equals(upTo)) {
            return diff(epoch, List.of(), replica);
        }
        if (learnerLast.isAfter(upTo)) {
            // ZOOKEEPER-1154 is this decision taken wrongly: without TRUNC the learner keeps its
            // uncommitted tail and later delivers it as if committed.
            return skipTrunc ? diff(epoch, List.of(), replica) : trunc(epoch, upTo, List.of(), replica);
        }
        if (learnerLast.isBefore(log.base())) {
            return new NewLeader(epoch, SyncMode.SNAP, Zxid.ZERO, replica.delivered, replica.store.snapshot(),
                    log.between(replica.delivered, upTo, Integer.MAX_VALUE), replica.committed);
        }
        if (log.contains(learnerLast) || skipTrunc) {
            return diff(epoch, log.between(learnerLast, upTo, Integer.MAX_VALUE), replica);
        }
        Zxid common = log.lastBefore(learnerLast);
        return trunc(epoch, common, log.between(common, upTo, Integer.MAX_VALUE), replica);
    }

    private static NewLeader diff(long epoch, List<Txn> txns, Replica replica) {
        return new NewLeader(epoch, SyncMode.DIFF, Zxid.ZERO, Zxid.ZERO, Map.of(), txns, replica.committed);
    }

    private static NewLeader trunc(long epoch, Zxid truncateTo, List<Txn> txns, Replica replica) {
        return new NewLeader(epoch, SyncMode.TRUNC, truncateTo, Zxid.ZERO, Map.of(), txns, replica.committed);
    }
}
