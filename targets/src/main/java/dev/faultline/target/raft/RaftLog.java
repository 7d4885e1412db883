package dev.faultline.target.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's log in memory (etcd raft's {@code raftLog} with its storage): the snapshot that
 * replaced the prefix, then the entries after it. Indexes are absolute: the entry at index
 * {@code i} is {@code entries.get(i - firstIndex())}.
 *
 * <p>Invariants (checked by {@link #checkInvariants}): entries are contiguous from
 * {@code snapshot.index() + 1}; terms never decrease along the log; every entry's term is at least
 * the snapshot's. The durable copy is the shell's record log; this class only mirrors it.
 */
final class RaftLog {
    private SnapshotMeta snapshot;
    private final ArrayList<Entry> entries = new ArrayList<>();
    /** The latest configuration in the log, cached; null when it must be recomputed. */
    private List<String> voters;
    /** The index of the latest membership entry, or the snapshot's index when there is none after it. */
    private long membershipIndex;
    /** How many times entries were removed from the end (conflicts, snapshots): for the simulator's log checks. */
    private long truncations;

    RaftLog(SnapshotMeta snapshot, List<Entry> tail) {
        restore(snapshot, tail);
    }

    SnapshotMeta snapshot() {
        return snapshot;
    }

    long firstIndex() {
        return snapshot.index() + 1;
    }

    long lastIndex() {
        return snapshot.index() + entries.size();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /** How many entries the log holds after its snapshot. */
    int length() {
        return entries.size();
    }

    long truncations() {
        return truncations;
    }

    /** Whether the term of {@code index} is known: the snapshot's last index or an entry held. */
    boolean hasTerm(long index) {
        return index >= snapshot.index() && index <= lastIndex();
    }

    long term(long index) {
        if (!hasTerm(index)) {
            throw new IllegalStateException("term of index " + index + " unknown: log holds " + snapshot.index()
                    + ".." + lastIndex());
        }
        return index == snapshot.index() ? snapshot.term() : entries.get(offset(index)).term();
    }

    boolean matches(long index, long term) {
        return hasTerm(index) && term(index) == term;
    }

    Entry entry(long index) {
        return entries.get(offset(index));
    }

    private int offset(long index) {
        if (index < firstIndex() || index > lastIndex()) {
            throw new IllegalStateException("index " + index + " outside the log's entries " + firstIndex() + ".." + lastIndex());
        }
        return (int) (index - firstIndex());
    }

    /**
     * Entries from {@code from} up to {@code to} inclusive, at most {@code countMax} and about
     * {@code bytesMax} (always at least one when the range is not empty, like etcd's
     * {@code limitSize}).
     */
    List<Entry> slice(long from, long to, int countMax, long bytesMax) {
        List<Entry> slice = new ArrayList<>();
        long bytes = 0;
        for (long index = from; index <= to && slice.size() < countMax; index++) {
            Entry entry = entry(index);
            bytes += entry.approximateBytes();
            if (!slice.isEmpty() && bytes > bytesMax) {
                break;
            }
            slice.add(entry);
        }
        return slice;
    }

    /** Whether a candidate's log is at least as up to date as this one (Raft §5.4.1). */
    boolean isUpToDate(long candidateLastIndex, long candidateLastTerm) {
        long lastTerm = lastTerm();
        return candidateLastTerm > lastTerm || (candidateLastTerm == lastTerm && candidateLastIndex >= lastIndex());
    }

    /** A leader's own append: the next index, its current term. */
    void append(Entry entry) {
        if (entry.index() != lastIndex() + 1 || entry.term() < lastTerm()) {
            throw new IllegalStateException("append of " + entry.index() + "/" + entry.term() + " after " + lastIndex()
                    + "/" + lastTerm());
        }
        entries.add(entry);
        noteAppended(entry);
    }

    /**
     * Appends {@code incoming}, which follow a matching entry (Raft §5.3, receiver rule 3–4):
     * entries the log already holds with the same term are kept, the first conflicting one and
     * everything after it are deleted, and the rest is appended. Never truncates on a stale or
     * duplicated message whose entries all match.
     *
     * @return the entries actually written, from the first new one on (empty when nothing changed)
     */
    List<Entry> appendAfterMatch(List<Entry> incoming) {
        for (int i = 0; i < incoming.size(); i++) {
            Entry entry = incoming.get(i);
            if (entry.index() <= snapshot.index() || matches(entry.index(), entry.term())) {
                continue;
            }
            if (entry.index() <= lastIndex()) {
                truncateFrom(entry.index());
            }
            List<Entry> written = incoming.subList(i, incoming.size());
            for (Entry next : written) {
                append(next);
            }
            return written;
        }
        return List.of();
    }

    /** Deletes the entries from {@code index} on. */
    void truncateFrom(long index) {
        if (index <= snapshot.index() || index > lastIndex()) {
            throw new IllegalStateException("cannot truncate from " + index + ": entries are " + firstIndex() + ".." + lastIndex());
        }
        entries.subList(offset(index), entries.size()).clear();
        truncations++;
        if (membershipIndex >= index) {
            voters = null;
        }
    }

    /** The first index of the run of entries with the same term as {@code index} (dissertation §5.3's conflict hint). */
    long firstIndexOfTermAt(long index) {
        long term = term(index);
        long first = index;
        while (first - 1 >= firstIndex() && term(first - 1) == term) {
            first--;
        }
        return first;
    }

    /** The last index holding an entry of {@code term}, or -1 when the log has none. */
    long lastIndexOfTerm(long term) {
        for (long index = lastIndex(); index >= firstIndex(); index--) {
            long found = term(index);
            if (found == term) {
                return index;
            }
            if (found < term) {
                return -1;
            }
        }
        return -1;
    }

    /** Drops every entry up to {@code meta.index()}, which the log must hold with term {@code meta.term()}. */
    void compact(SnapshotMeta meta) {
        if (meta.index() <= snapshot.index() || !matches(meta.index(), meta.term())) {
            throw new IllegalStateException("cannot compact to " + meta + ": log holds " + snapshot.index() + ".." + lastIndex());
        }
        entries.subList(0, offset(meta.index()) + 1).clear();
        snapshot = meta;
    }

    /** Replaces the whole log by {@code newSnapshot} and the entries after it. */
    void restore(SnapshotMeta newSnapshot, List<Entry> tail) {
        if (!entries.isEmpty()) {
            truncations++;
        }
        snapshot = newSnapshot;
        entries.clear();
        voters = null;
        for (Entry entry : tail) {
            append(entry);
        }
    }

    /** The latest configuration in the log, committed or not (dissertation §4.1). */
    List<String> voters() {
        if (voters == null) {
            membershipIndex = snapshot.index();
            voters = snapshot.voters();
            for (long index = lastIndex(); index >= firstIndex(); index--) {
                if (entry(index).data() instanceof EntryData.Membership membership) {
                    membershipIndex = index;
                    voters = membership.voters();
                    break;
                }
            }
        }
        return voters;
    }

    /** The index of the entry that set {@link #voters()} (the snapshot's index when it came with the snapshot). */
    long membershipIndex() {
        voters();
        return membershipIndex;
    }

    /** The configuration in force at {@code index}: the latest membership entry at or before it. */
    List<String> votersAt(long index) {
        for (long at = Math.min(index, lastIndex()); at >= firstIndex(); at--) {
            if (entry(at).data() instanceof EntryData.Membership membership) {
                return membership.voters();
            }
        }
        return snapshot.voters();
    }

    private void noteAppended(Entry entry) {
        if (entry.data() instanceof EntryData.Membership membership) {
            voters = membership.voters();
            membershipIndex = entry.index();
        }
    }

    /** Checks the invariants in the class comment; cheap (the ends only, the rest is kept by construction). */
    void checkInvariants() {
        if (!entries.isEmpty()) {
            Entry first = entries.get(0);
            Entry last = entries.get(entries.size() - 1);
            if (first.index() != snapshot.index() + 1 || last.index() != lastIndex() || first.term() < snapshot.term()
                    || last.term() < first.term()) {
                throw new IllegalStateException("log broken: snapshot " + snapshot + " first " + first.index() + "/"
                        + first.term() + " last " + last.index() + "/" + last.term() + " size " + entries.size());
            }
        }
    }
}
