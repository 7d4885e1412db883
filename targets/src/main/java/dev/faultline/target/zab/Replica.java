package dev.faultline.target.zab;

import dev.faultline.target.common.core.Invariants;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvStore;
import dev.faultline.target.zab.ZabRecord.AcceptedEpoch;
import dev.faultline.target.zab.ZabRecord.CurrentEpoch;
import dev.faultline.target.zab.ZabRecord.Logged;
import dev.faultline.target.zab.ZabRecord.Snapshot;
import dev.faultline.target.zab.ZabRecord.Truncated;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a ZAB server is apart from its role: its durable state (the two epochs and the history),
 * its delivered state (the key-value store and the zxid it reflects), and the output it builds.
 * Roles come and go ({@link FastLeaderElection}, {@link Leader}, {@link Learner}); the replica
 * stays for the life of the core. Every change to durable state goes through here, so the records
 * written always describe it.
 *
 * <p>Invariants: {@code currentEpoch <= acceptedEpoch}; {@code delivered <= lastZxid} of the
 * history; delivered transactions are a prefix of the history in zxid order (the planted
 * {@link Bug#COMMIT_OUT_OF_ORDER} aside).
 */
final class Replica {
    final String nodeId;
    final ZabConfig config;
    final List<String> voters;
    final Ready.Builder<ZabMessage, ZabRecord> ready = new Ready.Builder<>();
    final ZabProbe probe;
    final TxnLog log;
    final KvStore store = new KvStore();
    final Clients clients;
    /** Ticks since the core started: the only time roles use. */
    long ticks;
    long acceptedEpoch;
    long currentEpoch;
    /** The last delivered (applied) transaction; what local reads reflect. */
    Zxid delivered;
    /** The highest zxid known committed; on a learner it may run ahead of the history. */
    Zxid committed;
    /** The last zxid of the history as of the last hand-over: durable before the next input. */
    Zxid durableZxid;
    private long deliveredSinceSnapshot;
    /** With {@link Bug#ACK_NEWLEADER_BEFORE_FSYNC}: synced transactions not yet written. */
    private final List<Txn> unwritten = new ArrayList<>();
    /** With {@link Bug#COMMIT_OUT_OF_ORDER}: transactions delivered ahead of the in-order point. */
    private final Set<Zxid> deliveredAhead = new HashSet<>();

    Replica(String nodeId, List<String> nodes, ZabConfig config, ZabProbe probe, long requestIdOrigin, List<ZabRecord> recovered) {
        Invariants.check(config.observerCount() < nodes.size(), "observers=%d leaves no voter among %d nodes",
                config.observerCount(), nodes.size());
        this.nodeId = nodeId;
        this.config = config;
        this.voters = List.copyOf(nodes.subList(0, nodes.size() - config.observerCount()));
        this.probe = probe;
        this.log = new TxnLog(Zxid.ZERO, List.of());
        this.delivered = Zxid.ZERO;
        this.clients = new Clients(this, requestIdOrigin);
        recover(recovered);
        this.committed = delivered;
        this.durableZxid = log.lastZxid();
        probe.started(nodeId, delivered);
    }

    private void recover(List<ZabRecord> recovered) {
        for (ZabRecord record : recovered) {
            if (record instanceof Snapshot snapshot) {
                acceptedEpoch = snapshot.acceptedEpoch();
                currentEpoch = snapshot.currentEpoch();
                store.restore(snapshot.data());
                delivered = snapshot.zxid();
                log.reset(snapshot.zxid(), snapshot.tail());
            } else if (record instanceof AcceptedEpoch accepted) {
                acceptedEpoch = accepted.epoch();
            } else if (record instanceof CurrentEpoch current) {
                currentEpoch = current.epoch();
            } else if (record instanceof Logged logged) {
                log.append(logged.txn());
            } else if (record instanceof Truncated truncated) {
                log.truncateAfter(truncated.zxid());
            }
        }
        if (config.has(Bug.EPOCH_FROM_LOG_ONLY)) {
            // The planted bug: ZAB before 1.0 had no epoch files and took the epoch from the last
            // zxid, so an epoch promised or adopted before any of its transactions was logged is
            // forgotten (ZOOKEEPER-582 family).
            acceptedEpoch = log.lastZxid().epoch();
            currentEpoch = acceptedEpoch;
        }
    }

    // ------------------------------------------------------------ membership

    boolean isVoter(String node) {
        return voters.contains(node);
    }

    boolean isObserver() {
        return !isVoter(nodeId);
    }

    int quorumSize() {
        return voters.size() / 2 + 1;
    }

    /** This server's own vote: itself, with its history's credentials. */
    Vote selfVote() {
        return new Vote(nodeId, log.lastZxid(), currentEpoch);
    }

    // ------------------------------------------------------------ durable state

    /** Promises {@code epoch} to a prospective leader: persisted and fsynced before any reply. */
    void acceptEpoch(long epoch) {
        Invariants.check(epoch > acceptedEpoch, "accepting epoch %d, already accepted %d", epoch, acceptedEpoch);
        acceptedEpoch = epoch;
        ready.persist(new AcceptedEpoch(epoch));
        ready.sync();
    }

    /** Adopts {@code epoch}'s history as current (NEWLEADER): persisted and fsynced. */
    void adoptEpoch(long epoch) {
        Invariants.check(epoch >= currentEpoch && epoch <= acceptedEpoch, "adopting epoch %d with current %d, accepted %d",
                epoch, currentEpoch, acceptedEpoch);
        currentEpoch = epoch;
        ready.persist(new CurrentEpoch(epoch));
        ready.sync();
    }

    /** Appends {@code txn} to the history; {@code sync} when it must be durable before the acks that follow. */
    void logTxn(Txn txn, boolean sync) {
        log.append(txn);
        writeUnwritten();
        ready.persist(new Logged(txn));
        if (sync) {
            ready.sync();
        }
    }

    /**
     * Appends {@code txn} to the history in memory only; it is written, unsynced, with the next
     * batch ({@link #handedOver}), or before any record that follows it in the history. Only for
     * {@link Bug#ACK_NEWLEADER_BEFORE_FSYNC}, ZooKeeper's learner that logged DIFF transactions
     * asynchronously after acknowledging NEWLEADER.
     */
    void logTxnLater(Txn txn) {
        log.append(txn);
        unwritten.add(txn);
    }

    /** TRUNC: drops the history after {@code zxid}, which must not cut delivered transactions. */
    void truncate(Zxid zxid) {
        Invariants.check(!zxid.isBefore(delivered), "truncating to %s below delivered %s", zxid, delivered);
        writeUnwritten();
        log.truncateAfter(zxid);
        ready.persist(new Truncated(zxid));
    }

    /** SNAP: replaces the whole state by the leader's snapshot at {@code zxid}. */
    void installSnapshot(Zxid zxid, Map<Object, Object> data) {
        probe.installed(nodeId, zxid);
        store.restore(data);
        delivered = zxid;
        committed = Zxid.max(committed, zxid);
        log.reset(zxid, List.of());
        deliveredAhead.clear();
        unwritten.clear();
        deliveredSinceSnapshot = 0;
        ready.snapshot(snapshotRecord());
    }

    /**
     * Drops the whole history, its commit point included, so that the learner registers again from
     * nothing: only after a leader's TRUNC below what it delivered, which takes a planted bug that lost
     * committed txns. The old commit point belongs to the history the new leader overruled; kept, it
     * would point at zxids the new history lacks.
     */
    void discardHistory() {
        committed = Zxid.ZERO;
        installSnapshot(Zxid.ZERO, Map.of());
    }

    private Snapshot snapshotRecord() {
        return new Snapshot(acceptedEpoch, currentEpoch, delivered, store.snapshot(), log.after(delivered));
    }

    /** Called once a batch is handed to the driver: what it held is durable before the next input. */
    void handedOver() {
        durableZxid = log.lastZxid();
        writeUnwritten();
    }

    /**
     * Writes (unsynced) what {@link #logTxnLater} held back. Also before any later record, so that
     * the records stay in history order: the shell may hand a NEWLEADER and the next PROPOSALs to
     * the core in one batch, and replaying a proposal logged ahead of the synced txns breaks
     * recovery (found by faultline test with power-loss faults: every restart failed on it).
     */
    private void writeUnwritten() {
        for (Txn txn : unwritten) {
            ready.persist(new Logged(txn));
        }
        unwritten.clear();
    }

    // ------------------------------------------------------------ delivery

    /** Learns that everything up to {@code zxid} is committed, and delivers what the history holds of it. */
    void commitUpTo(Zxid zxid) {
        committed = Zxid.max(committed, zxid);
        deliverCommitted();
    }

    /** Delivers, in zxid order, every held transaction up to the commit point. */
    void deliverCommitted() {
        Zxid upTo = Zxid.min(committed, log.lastZxid());
        while (delivered.isBefore(upTo)) {
            List<Txn> next = log.between(delivered, upTo, config.txnsPerMessageMax());
            Invariants.check(!next.isEmpty(), "nothing to deliver after %s up to %s", delivered, upTo);
            for (Txn txn : next) {
                delivered = txn.zxid();
                if (!deliveredAhead.remove(txn.zxid())) {
                    deliver(txn);
                }
            }
        }
        maybeSnapshot();
    }

    /**
     * The planted {@link Bug#COMMIT_OUT_OF_ORDER}: delivers the transaction one COMMIT names at
     * once, even when earlier ones still wait for theirs.
     */
    void deliverOutOfOrder(Zxid zxid) {
        Txn txn = log.get(zxid);
        if (txn == null || !zxid.isAfter(delivered) || deliveredAhead.contains(zxid)) {
            return;
        }
        if (zxid.follows(delivered)) {
            commitUpTo(zxid);
            return;
        }
        deliveredAhead.add(zxid);
        deliver(txn);
    }

    private void deliver(Txn txn) {
        KvStore.Decision decision = store.decide(txn.request());
        if (decision.changes()) {
            store.put(decision.key(), decision.newValue());
        }
        deliveredSinceSnapshot++;
        probe.delivered(nodeId, txn);
        if (txn.origin().equals(nodeId)) {
            clients.changeDelivered(txn, decision.reply());
        }
    }

    /** Snapshots every {@code snapshotEveryTxns} deliveries; keeps {@code retainedTxns} delivered ones in memory for DIFF. */
    private void maybeSnapshot() {
        if (deliveredSinceSnapshot >= config.snapshotEveryTxns() && deliveredAhead.isEmpty()) {
            ready.snapshot(snapshotRecord());
            ready.event("snapshot", "zxid=" + delivered + " keys=" + store.size());
            deliveredSinceSnapshot = 0;
            unwritten.clear();
        }
        log.trim(delivered, config.retainedTxns());
    }

    /** The position client replies carry: the delivered zxid, packed. */
    long position() {
        return delivered.packed();
    }

    void checkInvariants() {
        Invariants.check(currentEpoch <= acceptedEpoch, "%s: current epoch %d > accepted epoch %d", nodeId, currentEpoch,
                acceptedEpoch);
        Invariants.check(!delivered.isAfter(log.lastZxid()), "%s: delivered %s beyond history %s", nodeId, delivered,
                log.lastZxid());
        Invariants.check(!log.base().isAfter(delivered), "%s: history base %s beyond delivered %s", nodeId, log.base(),
                delivered);
    }
}
