package dev.faultline.target.zab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ZAB server persists, in its write-ahead log. ZooKeeper keeps the two epochs in their own
 * files ({@code acceptedEpoch}, {@code currentEpoch}, written atomically and synced by
 * {@code QuorumPeer}) and transactions in its txn log and snapshots; here they are records of one
 * log, and an fsync makes every record before it durable.
 */
public sealed interface ZabRecord {

    /** The epoch this server promised a prospective leader (sent with ACKEPOCH). */
    record AcceptedEpoch(long epoch) implements ZabRecord {}

    /** The epoch whose leader's history this server adopted (at NEWLEADER). */
    record CurrentEpoch(long epoch) implements ZabRecord {}

    /** A transaction appended to the history. */
    record Logged(Txn txn) implements ZabRecord {}

    /** Every transaction after {@code zxid} was removed from the history (TRUNC). */
    record Truncated(Zxid zxid) implements ZabRecord {}

    /**
     * The whole durable state: both epochs, the delivered state at {@code zxid}, and the history
     * after it (logged, not known delivered).
     */
    record Snapshot(long acceptedEpoch, long currentEpoch, Zxid zxid, Map<Object, Object> data, List<Txn> tail)
            implements ZabRecord {
        public Snapshot {
            Objects.requireNonNull(zxid, "zxid");
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
            tail = List.copyOf(tail);
        }
    }
}
