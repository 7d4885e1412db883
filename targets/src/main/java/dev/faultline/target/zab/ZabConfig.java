package dev.faultline.target.zab;

import dev.faultline.target.TargetSettings;
import dev.faultline.target.common.PlantedBug;
import dev.faultline.target.common.core.Invariants;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything a ZAB core is configured with: limits in ticks of the node clock (etcd style; the
 * shell ticks every 10 ms by default), sizes, read semantics, observers and planted bugs. ZooKeeper
 * counts its limits in {@code tickTime}s too ({@code initLimit}, {@code syncLimit}); ours are
 * shorter so that failover in tests takes a fraction of a second.
 *
 * @param observerCount how many of the cluster's nodes, the last ones in node order, are observers
 * @param syncReads {@code read=sync}: every read first syncs with the leader (linearizable);
 *     otherwise reads are served from local state (sequentially consistent, ZooKeeper's default)
 * @param finalizeWaitTicks how long a server waits for a better vote once a quorum agrees
 *     (ZooKeeper's {@code finalizeWait}, 200 ms)
 * @param notificationTicks the first interval between re-sent notifications while looking; it
 *     doubles up to {@code notificationTicksMax} (ZooKeeper's {@code maxNotificationInterval})
 * @param initLimitTicks how long discovery and synchronization may take before a server gives up
 *     and looks for a leader again
 * @param syncLimitTicks how long a learner waits without hearing from its leader, and how long a
 *     leader goes without a quorum confirming it, before either looks for a leader again
 * @param pingTicks interval between two leader pings
 * @param retransmitTicks how long the leader waits for progress before re-sending proposals,
 *     and a learner before repeating its handshake step
 * @param requestTimeoutTicks how long a client request may wait for its transaction or sync
 * @param pendingRequestsMax client requests a server holds at once; more are refused (overloaded)
 * @param txnsPerMessageMax transactions re-sent at once to one learner
 * @param retainedTxns committed transactions kept in memory for DIFF beyond the last snapshot
 *     (ZooKeeper's {@code commitLogCount}, 500)
 * @param snapshotEveryTxns delivered transactions between two snapshots
 * @param counterLimit the highest zxid counter a leader uses before it forces a new epoch;
 *     {@link Zxid#COUNTER_MAX} normally, smaller in tests of the rollover
 */
public record ZabConfig(
        int observerCount,
        boolean syncReads,
        int finalizeWaitTicks,
        int notificationTicks,
        int notificationTicksMax,
        int initLimitTicks,
        int syncLimitTicks,
        int pingTicks,
        int retransmitTicks,
        int requestTimeoutTicks,
        int pendingRequestsMax,
        int txnsPerMessageMax,
        int retainedTxns,
        long snapshotEveryTxns,
        long counterLimit,
        Set<Bug> bugs) {

    static final String READ = "read";
    static final String OBSERVERS = "observers";
    static final String SNAPSHOT_EVERY = "snapshot-every";

    public ZabConfig {
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
        Invariants.check(observerCount >= 0, "observerCount %d < 0", observerCount);
        Invariants.check(finalizeWaitTicks >= 1 && notificationTicks >= 1 && notificationTicksMax >= notificationTicks,
                "election timings must be positive and notificationTicksMax >= notificationTicks");
        Invariants.check(pingTicks >= 1 && syncLimitTicks > 2 * pingTicks,
                "syncLimitTicks %d must exceed two ping intervals of %d ticks", syncLimitTicks, pingTicks);
        Invariants.check(initLimitTicks >= syncLimitTicks, "initLimitTicks %d < syncLimitTicks %d", initLimitTicks, syncLimitTicks);
        Invariants.check(retransmitTicks >= 1 && requestTimeoutTicks >= 1, "retransmit and request timeouts must be positive");
        Invariants.check(pendingRequestsMax >= 1 && txnsPerMessageMax >= 1 && retainedTxns >= 1,
                "pendingRequestsMax, txnsPerMessageMax and retainedTxns must be positive");
        Invariants.check(snapshotEveryTxns >= 1, "snapshotEveryTxns %d < 1", snapshotEveryTxns);
        Invariants.check(counterLimit >= 2 && counterLimit <= Zxid.COUNTER_MAX, "counterLimit %d outside [2, %d]",
                counterLimit, Zxid.COUNTER_MAX);
    }

    /** The defaults with 10 ms ticks: 50 ms finalize wait, 1 s init limit, 500 ms sync limit, 50 ms pings. */
    public static ZabConfig defaults() {
        return new ZabConfig(0, false, 5, 5, 50, 100, 50, 5, 10, 500, 1024, 64, 500, 10_000, Zxid.COUNTER_MAX, Set.of());
    }

    /** Reads {@code read}, {@code observers} and {@code snapshot-every} and the chosen bugs. */
    static ZabConfig of(TargetSettings settings) {
        ZabConfig defaults = defaults();
        boolean syncReads = settings.picks(READ, "local", "sync");
        int observers = (int) settings.longOption(OBSERVERS, 0, 0, 16);
        long snapshotEvery = settings.longOption(SNAPSHOT_EVERY, defaults.snapshotEveryTxns, 1, 1_000_000_000);
        return defaults.with(observers, syncReads, snapshotEvery, PlantedBug.chosen(Bug.class, settings.bugs()));
    }

    public ZabConfig with(int observers, boolean sync, long snapshotEvery, Set<Bug> chosen) {
        return new ZabConfig(observers, sync, finalizeWaitTicks, notificationTicks, notificationTicksMax, initLimitTicks,
                syncLimitTicks, pingTicks, retransmitTicks, requestTimeoutTicks, pendingRequestsMax, txnsPerMessageMax,
                retainedTxns, snapshotEvery, counterLimit, chosen);
    }

    public ZabConfig withCounterLimit(long limit) {
        return new ZabConfig(observerCount, syncReads, finalizeWaitTicks, notificationTicks, notificationTicksMax,
                initLimitTicks, syncLimitTicks, pingTicks, retransmitTicks, requestTimeoutTicks, pendingRequestsMax,
                txnsPerMessageMax, retainedTxns, snapshotEveryTxns, limit, bugs);
    }

    public ZabConfig withRetainedTxns(int retained) {
        return new ZabConfig(observerCount, syncReads, finalizeWaitTicks, notificationTicks, notificationTicksMax,
                initLimitTicks, syncLimitTicks, pingTicks, retransmitTicks, requestTimeoutTicks, pendingRequestsMax,
                txnsPerMessageMax, retained, snapshotEveryTxns, counterLimit, bugs);
    }

    public boolean has(Bug bug) {
        return bugs.contains(bug);
    }
}
