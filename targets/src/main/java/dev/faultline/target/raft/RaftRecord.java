package dev.faultline.target.raft;

import java.util.List;
import java.util.Objects;

/**
 * What a Raft node persists (Figure 2's "persistent state on all servers"), as records in the
 * shell's write-ahead log. Recovery replays them in order: the latest {@link HardState} wins, each
 * {@link Append} truncates the log from its first index and appends (etcd's
 * {@code truncateAndAppend}), and a {@link Snapshot} starts everything afresh.
 */
public sealed interface RaftRecord {
    /** currentTerm and votedFor (null: none in this term). */
    record HardState(long term, String votedFor) implements RaftRecord {
        static final HardState INITIAL = new HardState(0, null);
    }

    /** Entries from {@code entries.get(0).index()} on; whatever the log held there or later is gone. */
    record Append(List<Entry> entries) implements RaftRecord {
        public Append {
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("an append record needs entries");
            }
        }
    }

    /**
     * The node's whole durable state: hard state, the state machine at {@code meta.index()}, and the
     * log entries after it that the node keeps. Written when the node compacts its log or installs
     * a leader's snapshot; replaces every record before it.
     */
    record Snapshot(HardState hardState, SnapshotMeta meta, byte[] data, List<Entry> tail) implements RaftRecord {
        public Snapshot {
            Objects.requireNonNull(hardState, "hardState");
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(data, "data");
            tail = List.copyOf(tail);
        }

        @Override
        public String toString() {
            return "Snapshot[" + hardState + " " + meta + " bytes=" + data.length + " tail=" + tail.size() + "]";
        }
    }
}
