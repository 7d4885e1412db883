package dev.faultline.target.zab;

import dev.faultline.target.common.kv.KvStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * ZAB's safety properties, checked at every delivery and every establishment in a simulated
 * cluster (Junqueira, Reed, Serafini, "Zab: High-performance broadcast for primary-backup
 * systems", DSN 2011, §III):
 *
 * <ul>
 *   <li><b>agreement and total order</b>: every server delivers the same transaction at a given
 *       zxid, in zxid order, without skipping one that another server delivered; together these
 *       build one global delivery sequence;
 *   <li><b>integrity</b>: every delivered transaction is a client's change, delivered at most
 *       once in the sequence;
 *   <li><b>primary order and primary integrity</b>: a leader is established with a history that
 *       holds every transaction delivered anywhere before (so a new primary never leaves out or
 *       reorders an earlier primary's delivered transactions);
 *   <li>at most one established leader per epoch.
 * </ul>
 *
 * It also keeps, per key, the value after each zxid of the sequence, so client reads can be
 * checked against the state at the position they report. Violations throw {@link AssertionError}
 * from inside the core's input, which the simulator reports with its seed.
 */
final class BroadcastChecker implements ZabProbe {
    private final TreeMap<Zxid, Txn> sequence = new TreeMap<>();
    private final Map<String, Zxid> lastDelivered = new HashMap<>();
    private final Map<Long, String> leaderOfEpoch = new HashMap<>();
    private final Set<List<Long>> deliveredRequests = new HashSet<>();
    private final Map<Object, TreeMap<Zxid, Object>> versions = new HashMap<>();
    private final KvStore state = new KvStore();
    private int snapshotsInstalled;

    @Override
    public void started(String node, Zxid delivered) {
        lastDelivered.put(node, delivered);
    }

    @Override
    public void installed(String node, Zxid zxid) {
        if (!zxid.equals(Zxid.ZERO) && !sequence.containsKey(zxid)) {
            throw new AssertionError(node + " installed a snapshot at " + zxid + ", which no server delivered");
        }
        lastDelivered.put(node, zxid);
        snapshotsInstalled++;
    }

    @Override
    public void delivered(String node, Txn txn) {
        Zxid last = lastDelivered.getOrDefault(node, Zxid.ZERO);
        Zxid zxid = txn.zxid();
        if (!zxid.isAfter(last)) {
            throw new AssertionError(node + " delivered " + txn + " after " + last + ": not in zxid order");
        }
        Txn known = sequence.get(zxid);
        if (known != null) {
            if (!known.equals(txn)) {
                throw new AssertionError(node + " delivered " + txn + " where others delivered " + known);
            }
            Zxid previous = Objects.requireNonNullElse(sequence.lowerKey(zxid), Zxid.ZERO);
            if (!previous.equals(last)) {
                throw new AssertionError(node + " delivered " + zxid + " after " + last + ", skipping " + previous);
            }
        } else {
            Zxid highest = sequence.isEmpty() ? Zxid.ZERO : sequence.lastKey();
            if (!zxid.isAfter(highest) || !last.equals(highest)) {
                throw new AssertionError(node + " delivered " + txn + " (after " + last + ") that no server delivered, "
                        + "though others delivered up to " + highest);
            }
            append(txn);
        }
        lastDelivered.put(node, zxid);
    }

    private void append(Txn txn) {
        List<Long> request = List.of(txn.request().clientId(), txn.request().sequence());
        if (!deliveredRequests.add(request)) {
            throw new AssertionError("client request " + request + " delivered twice, again as " + txn);
        }
        sequence.put(txn.zxid(), txn);
        Object key = txn.request().key();
        state.apply(txn.request());
        versions.computeIfAbsent(key, k -> new TreeMap<>()).put(txn.zxid(), state.get(key));
    }

    @Override
    public void established(String node, long epoch, Zxid base, List<Txn> history) {
        String other = leaderOfEpoch.putIfAbsent(epoch, node);
        if (other != null) {
            throw new AssertionError("two leaders established epoch " + epoch + ": " + other + " and " + node);
        }
        Map<Zxid, Txn> held = new HashMap<>();
        for (Txn txn : history) {
            held.put(txn.zxid(), txn);
        }
        for (Txn delivered : sequence.tailMap(base, false).values()) {
            if (!delivered.equals(held.get(delivered.zxid()))) {
                throw new AssertionError(node + " established epoch " + epoch + " without delivered " + delivered
                        + " (holds " + held.get(delivered.zxid()) + ")");
            }
        }
    }

    /** The value {@code key} has after the delivery sequence up to {@code position} (a packed zxid). */
    Object valueAt(Object key, long position) {
        TreeMap<Zxid, Object> keyVersions = versions.get(key);
        if (keyVersions == null) {
            return null;
        }
        Map.Entry<Zxid, Object> entry = keyVersions.floorEntry(Zxid.unpack(position));
        return entry == null ? null : entry.getValue();
    }

    /** The last zxid delivered anywhere. */
    Zxid highestDelivered() {
        return sequence.isEmpty() ? Zxid.ZERO : sequence.lastKey();
    }

    int deliveredCount() {
        return sequence.size();
    }

    /** SNAP synchronizations (and learners starting over from nothing). */
    int snapshotsInstalled() {
        return snapshotsInstalled;
    }

    int epochsEstablished() {
        return leaderOfEpoch.size();
    }
}
