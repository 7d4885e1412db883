package dev.faultline.target.zab;

import dev.faultline.target.common.core.Invariants;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's history in memory: the transactions after {@link #base()}, in zxid order. The base is
 * the last zxid that is no longer held here (the snapshot's zxid, or the last transaction dropped
 * to bound memory); it is part of the history all the same. The leader keeps the most recent
 * committed transactions here for DIFF synchronization (ZooKeeper's {@code committedLog},
 * {@code minCommittedLog..maxCommittedLog}); a learner older than the base gets a SNAP.
 *
 * <p>Invariant: zxids strictly increase, and every held zxid is after the base.
 */
final class TxnLog {
    private Zxid base;
    private final ArrayList<Txn> txns = new ArrayList<>();

    TxnLog(Zxid base, List<Txn> tail) {
        reset(base, tail);
    }

    /** Replaces the whole history by {@code tail} after {@code newBase}. */
    void reset(Zxid newBase, List<Txn> tail) {
        base = newBase;
        txns.clear();
        for (Txn txn : tail) {
            append(txn);
        }
    }

    Zxid base() {
        return base;
    }

    Zxid lastZxid() {
        return txns.isEmpty() ? base : txns.get(txns.size() - 1).zxid();
    }

    int size() {
        return txns.size();
    }

    void append(Txn txn) {
        Invariants.check(txn.zxid().isAfter(lastZxid()), "appending %s after %s", txn.zxid(), lastZxid());
        txns.add(txn);
    }

    /** Whether {@code zxid} is the base or a held transaction. */
    boolean contains(Zxid zxid) {
        return zxid.equals(base) || indexOf(zxid) >= 0;
    }

    /** The held transaction with {@code zxid}, or null. */
    Txn get(Zxid zxid) {
        int index = indexOf(zxid);
        return index >= 0 ? txns.get(index) : null;
    }

    /** The held transactions after {@code after} up to and including {@code upTo}, at most {@code countMax}. */
    List<Txn> between(Zxid after, Zxid upTo, int countMax) {
        Invariants.check(!after.isBefore(base), "reading after %s, below the base %s", after, base);
        List<Txn> found = new ArrayList<>();
        for (int i = insertionPoint(after); i < txns.size() && found.size() < countMax; i++) {
            Txn txn = txns.get(i);
            if (txn.zxid().isAfter(upTo)) {
                break;
            }
            found.add(txn);
        }
        return found;
    }

    /** Every held transaction after {@code after}. */
    List<Txn> after(Zxid after) {
        return between(after, lastZxid(), Integer.MAX_VALUE);
    }

    /** The highest zxid of this history below {@code zxid} (the base if no held one is). */
    Zxid lastBefore(Zxid zxid) {
        int index = insertionPoint(zxid) - 1;
        while (index >= 0 && !txns.get(index).zxid().isBefore(zxid)) {
            index--;
        }
        return index >= 0 ? txns.get(index).zxid() : base;
    }

    /** Drops every transaction after {@code zxid}, which must not be below the base. */
    void truncateAfter(Zxid zxid) {
        Invariants.check(!zxid.isBefore(base), "truncating to %s, below the base %s", zxid, base);
        txns.subList(insertionPoint(zxid), txns.size()).clear();
    }

    /**
     * Drops the oldest transactions up to {@code upTo} while more than {@code keepCount} would remain
     * at or before it; the base moves to the last dropped. Drops in chunks, so the cost is amortized.
     */
    void trim(Zxid upTo, int keepCount) {
        int heldThrough = insertionPoint(upTo);
        int dropCount = heldThrough - keepCount;
        if (dropCount <= keepCount) {
            return;
        }
        base = txns.get(dropCount - 1).zxid();
        txns.subList(0, dropCount).clear();
    }

    /** Index of {@code zxid}, or -1. */
    private int indexOf(Zxid zxid) {
        int index = insertionPoint(zxid) - 1;
        return index >= 0 && txns.get(index).zxid().equals(zxid) ? index : -1;
    }

    /** The index of the first held transaction after {@code zxid}. */
    private int insertionPoint(Zxid zxid) {
        int low = 0;
        int high = txns.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (txns.get(middle).zxid().isAfter(zxid)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
