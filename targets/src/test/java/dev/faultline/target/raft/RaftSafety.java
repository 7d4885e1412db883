package dev.faultline.target.raft;

import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.Simulation;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raft's safety properties (Figure 3 of the paper), checked after every simulation step across
 * every live node, incrementally so a long run stays cheap:
 *
 * <ul>
 *   <li><b>election safety</b>: at most one leader per term, over the whole run;
 *   <li><b>log matching</b>: two entries with the same index and term hold the same data and
 *       follow the same term, on every node, at any time (so equal entries mean equal prefixes);
 *   <li><b>state machine safety</b>: an index, once committed anywhere, holds the same entry
 *       wherever it is committed later;
 *   <li><b>leader completeness</b>: a node that becomes leader of term T holds every entry that
 *       was known committed in a term before T.
 * </ul>
 *
 * Failures throw {@link AssertionError} with the numbers, which the simulator turns into a
 * "reproduce with seed=N" report.
 */
final class RaftSafety {
    /** What an index held when first seen committed, and the lowest term in which it was known committed. */
    private static final class Committed {
        final Entry entry;
        long knownInTerm;

        Committed(Entry entry, long knownInTerm) {
            this.entry = entry;
            this.knownInTerm = knownInTerm;
        }
    }

    /** An entry's data and the term of the entry before it. */
    private record Fingerprint(EntryData data, long previousTerm) {}

    /** How far one live core was checked. */
    private static final class Watermark {
        RaftCore core;
        long truncations;
        long checkedLastIndex;
        long checkedCommitIndex;
        /**
         * Entries seen in the log and not yet seen committed: a node may commit and compact them in
         * one step (a leader's commit reaching a snapshot boundary), after which only this copy is left.
         */
        final TreeMap<Long, Entry> uncommitted = new TreeMap<>();
    }

    private final Map<Long, String> leaderByTerm = new HashMap<>();
    private final Map<Long, Map<Long, Fingerprint>> entriesByIndexAndTerm = new HashMap<>();
    private final TreeMap<Long, Committed> committed = new TreeMap<>();
    private final Map<String, Watermark> watermarks = new HashMap<>();
    /** Each committed command's first index: a retried command may be in the log twice, and applies (at most) once, first. */
    private final Map<KvRequest, Long> firstCommittedIndex = new HashMap<>();

    void check(Simulation<RaftMessage, RaftRecord> sim) {
        for (String node : sim.nodes()) {
            if (!sim.isUp(node)) {
                continue;
            }
            RaftCore core = sim.core(node, RaftCore.class);
            Watermark watermark = watermarks.computeIfAbsent(node, id -> new Watermark());
            if (watermark.core != core) {
                watermark.core = core;
                watermark.truncations = core.truncations();
                watermark.checkedLastIndex = core.snapshotIndex();
                watermark.checkedCommitIndex = core.commitIndex();
                watermark.uncommitted.clear();
            }
            checkLogMatching(node, core, watermark);
            checkCommitted(node, core, watermark);
            if (core.isLeader()) {
                checkLeader(node, core);
            }
        }
    }

    private void checkLeader(String node, RaftCore core) {
        String earlier = leaderByTerm.putIfAbsent(core.currentTerm(), node);
        if (earlier != null && !earlier.equals(node)) {
            throw new AssertionError("election safety: " + earlier + " and " + node + " both led term " + core.currentTerm());
        }
        if (earlier == null) {
            checkLeaderCompleteness(node, core);
        }
    }

    private void checkLeaderCompleteness(String node, RaftCore core) {
        for (Map.Entry<Long, Committed> entry : committed.entrySet()) {
            long index = entry.getKey();
            Committed known = entry.getValue();
            if (known.knownInTerm >= core.currentTerm() || index < core.firstIndex()) {
                continue;
            }
            if (index > core.lastIndex() || core.term(index) != known.entry.term()) {
                throw new AssertionError("leader completeness: " + node + " leads term " + core.currentTerm() + " without "
                        + "index " + index + " (term " + known.entry.term() + ", committed by term " + known.knownInTerm
                        + "): its log " + (index > core.lastIndex() ? "ends at " + core.lastIndex() : "has term " + core.term(index)
                        + " there"));
            }
        }
    }

    private void checkLogMatching(String node, RaftCore core, Watermark watermark) {
        long from = watermark.checkedLastIndex + 1;
        if (core.truncations() != watermark.truncations) {
            watermark.truncations = core.truncations();
            from = core.firstIndex();
            watermark.uncommitted.clear();
        }
        from = Math.max(from, core.firstIndex());
        for (long index = from; index <= core.lastIndex(); index++) {
            Entry entry = core.entry(index);
            Fingerprint fingerprint = new Fingerprint(entry.data(), core.term(index - 1));
            Fingerprint seen = entriesByIndexAndTerm.computeIfAbsent(index, i -> new HashMap<>())
                    .putIfAbsent(entry.term(), fingerprint);
            if (seen != null && !seen.equals(fingerprint)) {
                throw new AssertionError("log matching: " + node + " holds " + fingerprint + " at index " + index + " term "
                        + entry.term() + ", another node held " + seen);
            }
            if (index > watermark.checkedCommitIndex) {
                watermark.uncommitted.put(index, entry);
            }
        }
        watermark.checkedLastIndex = core.lastIndex();
    }

    private void checkCommitted(String node, RaftCore core, Watermark watermark) {
        for (long index = watermark.checkedCommitIndex + 1; index <= core.commitIndex(); index++) {
            Entry entry = index >= core.firstIndex() ? core.entry(index) : watermark.uncommitted.get(index);
            if (entry == null) {
                continue; // appended, committed and compacted within one step: this node's copy was never seen
            }
            Committed known = committed.get(index);
            if (known == null) {
                committed.put(index, new Committed(entry, core.currentTerm()));
                if (entry.data() instanceof EntryData.Command command) {
                    firstCommittedIndex.putIfAbsent(command.request(), index);
                }
            } else if (!known.entry.equals(entry)) {
                throw new AssertionError("state machine safety: index " + index + " was committed as " + known.entry
                        + " and " + node + " committed " + entry);
            } else {
                known.knownInTerm = Math.min(known.knownInTerm, core.currentTerm());
            }
        }
        watermark.checkedCommitIndex = Math.max(watermark.checkedCommitIndex, core.commitIndex());
        watermark.uncommitted.headMap(watermark.checkedCommitIndex, true).clear();
    }

    /** The first index at which {@code request} was committed, or null when it was not (yet). */
    Long committedIndexOf(KvRequest request) {
        return firstCommittedIndex.get(request);
    }

    int committedCount() {
        return committed.size();
    }

    int leaderCount() {
        return leaderByTerm.size();
    }
}
