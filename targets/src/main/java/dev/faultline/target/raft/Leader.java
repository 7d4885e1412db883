package dev.faultline.target.raft;

import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader (Raft §5.3–5.4, §6 of the dissertation for membership and reads, §8 for clients):
 * replicates its log with a {@link Progress} per peer (pipelined, bounded by {@link Inflights};
 * snapshots for followers that fell behind the compacted prefix), commits by counting matchIndex
 * over the voters but only entries of its own term (§5.4.2), confirms reads with heartbeat rounds
 * ({@link ReadQueue}, {@link HeartbeatRounds}) or its lease, and steps down when a check-quorum
 * round finds no majority active.
 *
 * <p>Batching: proposals and reads received during one round of inputs go out together when the
 * driver takes the Ready ({@link #flush}): one append per follower for all new entries, one
 * heartbeat round for all new reads.
 */
final class Leader implements Role {
    private final RaftCore core;
    private final RaftLog log;
    /** Every other node of the cluster, voter or not: non-voters follow the log so they can be added caught up. */
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    /** Client requests waiting for their entry to apply, by log index. */
    private final Map<Long, Long> proposals = new HashMap<>();
    private final ReadQueue reads = new ReadQueue();
    private final HeartbeatRounds rounds = new HeartbeatRounds();
    private int heartbeatElapsed;
    private boolean appendsPending;

    Leader(RaftCore core) {
        this.core = core;
        this.log = core.log;
        for (String peer : core.nodes) {
            if (!peer.equals(core.id)) {
                progress.put(peer, new Progress(log.lastIndex() + 1, core.config.inflightAppendsMax()));
            }
        }
    }

    @Override
    public String name() {
        return "leader";
    }

    /** Appends the term's no-op (§8), so that the leader learns the commit index as soon as it commits. */
    void start() {
        if (!core.config.has(Bug.SKIP_NOOP)) {
            append(EntryData.Noop.INSTANCE);
        }
        appendsPending = true;
    }

    // ------------------------------------------------------------------ time

    @Override
    public void tick() {
        heartbeatElapsed++;
        core.electionElapsed++;
        if (core.electionElapsed >= core.config.electionTicksMin()) {
            core.electionElapsed = 0;
            if (!checkQuorum()) {
                return;
            }
        }
        if (heartbeatElapsed >= core.config.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    /**
     * Check-quorum: a leader that heard from no majority during an election timeout steps down.
     * With the lease-wallclock bug a leader trusts its lease instead while it holds, as leader
     * leases timed on {@code time.Now()} did before Go had a monotonic clock (hashicorp raft's
     * {@code LeaderLeaseTimeout}): a wall clock set back keeps a deposed leader serving reads.
     */
    private boolean checkQuorum() {
        boolean active = Quorum.hasMajority(log.voters(), voter -> voter.equals(core.id)
                || (progress.containsKey(voter) && progress.get(voter).recentActive()))
                || (core.config.has(Bug.LEASE_WALLCLOCK) && leaseHolds());
        progress.values().forEach(peer -> peer.setRecentActive(false));
        if (!active) {
            core.ready.event("check-quorum", "lost term=" + core.currentTerm);
            core.becomeFollower(core.currentTerm, null);
        }
        return active;
    }

    private void broadcastHeartbeat() {
        long round = rounds.next(leaseNow());
        for (Map.Entry<String, Progress> entry : progress.entrySet()) {
            Progress peer = entry.getValue();
            core.sendNow(entry.getKey(), new RaftMessage.Heartbeat(core.currentTerm,
                    Math.min(peer.matchIndex(), core.commitIndex), round));
            if (peer.state() == Progress.State.SNAPSHOT && peer.chunkSent()) {
                peer.resendChunk();
                sendChunk(entry.getKey(), peer);
            }
        }
        quorumAcknowledged();
    }

    @Override
    public void flush() {
        if (appendsPending) {
            appendsPending = false;
            progress.keySet().forEach(this::sendAppends);
        }
        if (reads.waitsForRound(rounds.current())) {
            broadcastHeartbeat();
        }
    }

    // ------------------------------------------------------------------ replication

    private Entry append(EntryData data) {
        Entry entry = new Entry(core.currentTerm, log.lastIndex() + 1, data);
        log.append(entry);
        core.persistEntries(List.of(entry));
        appendsPending = true;
        maybeCommit();
        return entry;
    }

    /** Sends what {@code peer} lacks: pipelined appends in REPLICATE, one probe in PROBE, or the snapshot. */
    private void sendAppends(String peer) {
        Progress follower = progress.get(peer);
        while (!follower.isPaused()) {
            long prevLogIndex = follower.nextIndex() - 1;
            if (!log.hasTerm(prevLogIndex)) {
                follower.becomeSnapshot(log.snapshot().index());
                core.ready.event("send-snapshot", "to=" + peer + " index=" + log.snapshot().index());
                sendChunk(peer, follower);
                return;
            }
            List<Entry> entries = follower.nextIndex() <= log.lastIndex()
                    ? log.slice(follower.nextIndex(), log.lastIndex(), core.config.appendEntriesMax(), core.config.appendBytesMax())
                    : List.of();
            if (entries.isEmpty() && follower.state() == Progress.State.REPLICATE) {
                return;
            }
            core.sendNow(peer, new RaftMessage.AppendEntries(core.currentTerm, prevLogIndex, log.term(prevLogIndex), entries,
                    core.commitIndex));
            follower.sentAppend(prevLogIndex + entries.size());
            if (entries.isEmpty()) {
                return;
            }
        }
    }

    /**
     * A heartbeat answer from a follower that lacks entries. Appends in flight may have been lost,
     * and in REPLICATE nothing would resend them: an empty append right after the last one sent
     * (not counted as in flight) makes the follower reject it if it has a gap, and the rejection
     * sends the leader back to probing (etcd raft answers heartbeats the same way).
     */
    private void catchUp(String peer, Progress follower) {
        long prevLogIndex = follower.nextIndex() - 1;
        if (follower.state() == Progress.State.REPLICATE && !log.hasTerm(prevLogIndex)) {
            // What is in flight was compacted meanwhile: start over from the follower's match (a snapshot).
            follower.becomeProbe();
            sendAppends(peer);
        } else if (follower.state() == Progress.State.REPLICATE
                && (follower.isPaused() || follower.nextIndex() > log.lastIndex())) {
            core.sendNow(peer, new RaftMessage.AppendEntries(core.currentTerm, prevLogIndex, log.term(prevLogIndex), List.of(),
                    core.commitIndex));
        } else {
            sendAppends(peer);
        }
    }

    private void sendChunk(String peer, Progress follower) {
        if (follower.pendingSnapshotIndex() != log.snapshot().index()) {
            // The leader compacted again since: send the newer snapshot from its start.
            follower.becomeSnapshot(log.snapshot().index());
        }
        byte[] data = core.snapshotData;
        int offset = (int) follower.snapshotOffset();
        int length = Math.min(core.config.snapshotChunkBytes(), data.length - offset);
        core.sendNow(peer, new RaftMessage.InstallSnapshot(core.currentTerm, log.snapshot(), data.length, offset,
                Arrays.copyOfRange(data, offset, offset + length)));
        follower.sentChunk();
    }

    @Override
    public void step(String from, RaftMessage message) {
        Progress follower = progress.get(from);
        if (message instanceof RaftMessage.AppendEntriesResponse response) {
            follower.setRecentActive(true);
            onAppendResponse(from, follower, response);
        } else if (message instanceof RaftMessage.HeartbeatResponse response) {
            follower.setRecentActive(true);
            follower.acknowledgeRound(response.round());
            follower.resumeProbe();
            if (follower.matchIndex() < log.lastIndex()) {
                catchUp(from, follower);
            }
            quorumAcknowledged();
        } else if (message instanceof RaftMessage.InstallSnapshotResponse response) {
            follower.setRecentActive(true);
            onSnapshotResponse(from, follower, response);
        } else if (message instanceof RaftMessage.AppendEntries || message instanceof RaftMessage.Heartbeat
                || message instanceof RaftMessage.InstallSnapshot) {
            // Impossible unless election safety is broken (two leaders in one term): say so, loudly.
            core.ready.event("conflicting-leader", "term=" + core.currentTerm + " other=" + from);
        }
    }

    private void onAppendResponse(String from, Progress follower, RaftMessage.AppendEntriesResponse response) {
        if (response.success()) {
            if (follower.maybeUpdate(response.matchIndex())) {
                if (follower.state() == Progress.State.PROBE
                        || (follower.state() == Progress.State.SNAPSHOT && follower.matchIndex() >= follower.pendingSnapshotIndex())) {
                    follower.becomeReplicate();
                }
                maybeCommit();
                sendAppends(from);
            }
            return;
        }
        long hintIndex = response.conflictIndex();
        if (response.conflictTerm() > 0) {
            long last = log.lastIndexOfTerm(response.conflictTerm());
            hintIndex = last > 0 ? last + 1 : response.conflictIndex();
        }
        if (follower.maybeDecreaseTo(response.rejectedIndex(), hintIndex)) {
            if (follower.state() == Progress.State.REPLICATE) {
                follower.becomeProbe();
            }
            sendAppends(from);
        }
    }

    private void onSnapshotResponse(String from, Progress follower, RaftMessage.InstallSnapshotResponse response) {
        if (follower.state() != Progress.State.SNAPSHOT || response.snapshotIndex() != follower.pendingSnapshotIndex()) {
            if (response.installed()) {
                follower.maybeUpdate(response.snapshotIndex());
            }
            return;
        }
        if (response.installed()) {
            follower.maybeUpdate(response.snapshotIndex());
            follower.becomeProbe();
            core.ready.event("snapshot-sent", "to=" + from + " index=" + response.snapshotIndex());
            sendAppends(from);
        } else {
            follower.chunkAcknowledged(response.nextOffset());
            sendChunk(from, follower);
        }
    }

    /**
     * Raises the commit index to the highest index a majority of voters holds, but only when that
     * entry is of the current term (§5.4.2): an older entry is committed indirectly, with it.
     */
    private void maybeCommit() {
        long majorityIndex = Quorum.majorityValue(log.voters(), this::matchIndexOf);
        if (majorityIndex <= core.commitIndex) {
            return;
        }
        boolean currentTerm = log.term(majorityIndex) == core.currentTerm;
        if (!currentTerm && !core.config.has(Bug.COMMIT_OLD_TERM)) {
            return;
        }
        boolean firstInTerm = !committedInTerm();
        core.commitTo(majorityIndex);
        if (firstInTerm && committedInTerm()) {
            reads.takeTermCommitWaiters().forEach(this::confirmRead);
        }
    }

    private long matchIndexOf(String voter) {
        if (voter.equals(core.id)) {
            // The leader's own entries count at once: they are on disk before any answer that could commit them is read.
            return log.lastIndex();
        }
        Progress follower = progress.get(voter);
        return follower == null ? 0 : follower.matchIndex();
    }

    private boolean committedInTerm() {
        return log.term(core.commitIndex) == core.currentTerm;
    }

    // ------------------------------------------------------------------ clients

    @Override
    public void request(ClientRequest request) {
        KvRequest kv = request.request();
        if (RaftCore.VOTERS_KEY.equals(kv.key())) {
            membershipRequest(request);
            return;
        }
        switch (kv.op()) {
            case READ, SYNC -> read(request);
            case WRITE, CAS, ADD, APPEND -> propose(request, new EntryData.Command(kv));
        }
    }

    private void propose(ClientRequest request, EntryData data) {
        if (log.lastIndex() - core.commitIndex >= core.config.uncommittedEntriesMax()) {
            core.ready.reply(request.requestId(), KvReply.fail(KvErrors.OVERLOADED));
            return;
        }
        long index = log.lastIndex() + 1;
        proposals.put(index, request.requestId());
        append(data);
    }

    private void read(ClientRequest request) {
        if (core.config.has(Bug.STALE_READ)) {
            core.ready.reply(request.requestId(), core.stateMachine.read(request.request()));
        } else if (reads.size() >= core.config.pendingReadsMax()) {
            core.ready.reply(request.requestId(), KvReply.fail(KvErrors.OVERLOADED));
        } else if (!committedInTerm() && !core.config.has(Bug.SKIP_NOOP)) {
            // The commit index may lag the cluster's until an entry of this term commits (dissertation §6.4 step 1).
            reads.awaitTermCommit(request);
        } else {
            confirmRead(request);
        }
    }

    /** Fixes the read index and confirms leadership: at once when alone or in lease, else by the next heartbeat round. */
    private void confirmRead(ClientRequest request) {
        List<String> voters = log.voters();
        if ((voters.size() == 1 && voters.contains(core.id)) || (core.config.leaseReads() && leaseHolds())) {
            reads.awaitApply(request, core.commitIndex);
            serveReads();
        } else {
            reads.awaitQuorum(request, rounds.current() + 1, core.commitIndex);
        }
    }

    private void quorumAcknowledged() {
        reads.quorumAcknowledged(Quorum.majorityValue(log.voters(), voter -> voter.equals(core.id)
                ? rounds.current()
                : progress.containsKey(voter) ? progress.get(voter).acknowledgedRound() : 0));
        serveReads();
    }

    /**
     * Whether a quorum acknowledged a heartbeat sent less than a lease ago. Those voters ignore
     * votes for an election timeout after hearing it, so no other leader can exist until then.
     */
    private boolean leaseHolds() {
        long now = leaseNow();
        long acknowledgedSentAt = Quorum.majorityValue(log.voters(), voter -> voter.equals(core.id)
                ? now
                : progress.containsKey(voter) ? rounds.sentAt(progress.get(voter).acknowledgedRound()) : HeartbeatRounds.FORGOTTEN);
        return now < acknowledgedSentAt + core.config.leaseNanos(core.tickIntervalNanos);
    }

    /** The lease clock: the monotonic clock, or (bug) the wall clock a nemesis can move. */
    private long leaseNow() {
        return core.config.has(Bug.LEASE_WALLCLOCK) ? core.now.wallMillis() * 1_000_000L : core.now.monotonicNanos();
    }

    private void serveReads() {
        for (ReadQueue.PendingRead read : reads.takeApplied(core.lastApplied)) {
            core.ready.reply(read.request().requestId(), core.stateMachine.read(read.request().request()));
        }
    }

    /**
     * A read of {@link RaftCore#VOTERS_KEY} returns the configuration; a write proposes a new one
     * that adds or removes exactly one voter (dissertation §4.1), and only once this leader has
     * committed an entry of its term and the previous change is committed (Ongaro's 2015 fix).
     */
    private void membershipRequest(ClientRequest request) {
        KvRequest kv = request.request();
        if (kv.op() == KvOp.READ) {
            core.ready.reply(request.requestId(), KvReply.ok(log.voters()));
            return;
        }
        String refusal = MembershipChange.refusal(kv, log.voters(), core.nodes, committedInTerm(),
                log.membershipIndex() <= core.commitIndex);
        if (refusal != null) {
            core.ready.reply(request.requestId(), KvReply.fail(refusal));
            return;
        }
        List<String> voters = MembershipChange.voters(kv);
        propose(request, new EntryData.Membership(voters));
        core.ready.event("membership", "proposed voters=" + voters + " index=" + log.lastIndex());
    }

    @Override
    public void applied(Entry entry, KvReply reply) {
        Long requestId = proposals.remove(entry.index());
        if (requestId != null) {
            core.ready.reply(requestId, reply != null ? reply : KvReply.ok(null));
        }
    }

    @Override
    public void afterApply() {
        serveReads();
        if (!log.voters().contains(core.id) && log.membershipIndex() <= core.commitIndex) {
            // Removed, and the change is committed: hand over (dissertation §4.2.2).
            core.ready.event("membership", "removed leader steps down term=" + core.currentTerm);
            core.becomeFollower(core.currentTerm, null);
        }
    }

    @Override
    public void leave() {
        for (long requestId : proposals.values()) {
            // The entry may still commit under the next leader: the outcome is unknown.
            core.ready.reply(requestId, KvReply.info(KvErrors.LEADERSHIP_LOST));
        }
        proposals.clear();
        for (ClientRequest read : reads.takeAll()) {
            // A read has no effect, so failing it is definite.
            core.ready.reply(read.requestId(), KvReply.notLeader(null));
        }
    }

    /** For invariant checks and status. */
    Map<String, Progress> progress() {
        return progress;
    }

    void checkInvariants() {
        progress.forEach((peer, follower) -> follower.checkInvariants(peer));
    }
}
