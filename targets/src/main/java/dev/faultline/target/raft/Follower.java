package dev.faultline.target.raft;

import dev.faultline.target.common.core.ClientRequest;
import java.util.List;

/**
 * The follower (Raft §5.2–5.3, §7): accepts the leader's entries, heartbeats and snapshots, and
 * campaigns (with a pre-vote first) when it has heard from no leader for its randomized election
 * timeout.
 */
final class Follower implements Role {
    private final RaftCore core;
    private final SnapshotReceiver snapshot = new SnapshotReceiver();

    Follower(RaftCore core) {
        this.core = core;
    }

    @Override
    public String name() {
        return "follower";
    }

    @Override
    public void tick() {
        core.tickElection();
    }

    @Override
    public void step(String from, RaftMessage message) {
        if (message instanceof RaftMessage.AppendEntries append) {
            core.heardFromLeader(from);
            appendEntries(from, append);
        } else if (message instanceof RaftMessage.Heartbeat heartbeat) {
            core.heardFromLeader(from);
            core.commitTo(Math.min(heartbeat.leaderCommit(), core.log.lastIndex()));
            core.send(from, new RaftMessage.HeartbeatResponse(core.currentTerm, heartbeat.round()));
        } else if (message instanceof RaftMessage.InstallSnapshot install) {
            core.heardFromLeader(from);
            installSnapshot(from, install);
        }
        // Answers to requests this node made in an earlier role are late: nothing to do.
    }

    /** AppendEntries receiver rules 1–5 (Figure 2), with the conflict hint of dissertation §5.3. */
    private void appendEntries(String from, RaftMessage.AppendEntries append) {
        RaftLog log = core.log;
        long term = core.currentTerm;
        if (append.prevLogIndex() < core.commitIndex) {
            // Committed entries match the leader's: say where ours end so it resends from there (etcd).
            core.send(from, RaftMessage.AppendEntriesResponse.accept(term, core.commitIndex));
            return;
        }
        if (!log.matches(append.prevLogIndex(), append.prevLogTerm())) {
            long prev = append.prevLogIndex();
            RaftMessage.AppendEntriesResponse reject = prev > log.lastIndex()
                    ? RaftMessage.AppendEntriesResponse.reject(term, prev, log.lastIndex() + 1, 0)
                    : RaftMessage.AppendEntriesResponse.reject(term, prev, log.firstIndexOfTermAt(prev), log.term(prev));
            core.send(from, reject);
            return;
        }
        long truncations = log.truncations();
        List<Entry> written = log.appendAfterMatch(append.entries());
        if (!written.isEmpty()) {
            core.persistEntries(written);
        }
        if (log.truncations() != truncations) {
            core.ready.event("truncate", "from=" + written.get(0).index() + " leader=" + from + " term=" + term);
        }
        core.commitTo(Math.min(append.leaderCommit(), append.lastIndex()));
        core.send(from, RaftMessage.AppendEntriesResponse.accept(term, append.lastIndex()));
    }

    private void installSnapshot(String from, RaftMessage.InstallSnapshot install) {
        SnapshotMeta meta = install.meta();
        if (meta.index() <= core.commitIndex) {
            // Already past it (a duplicate, or the last chunk's answer was lost).
            snapshot.clear();
            core.send(from, new RaftMessage.InstallSnapshotResponse(core.currentTerm, meta.index(), install.totalBytes(), true));
            return;
        }
        long held = snapshot.offer(install);
        boolean installed = snapshot.isComplete();
        if (installed) {
            core.installSnapshot(meta, snapshot.data());
            snapshot.clear();
        }
        core.send(from, new RaftMessage.InstallSnapshotResponse(core.currentTerm, meta.index(), held, installed));
    }

    @Override
    public void request(ClientRequest request) {
        core.redirect(request);
    }
}
