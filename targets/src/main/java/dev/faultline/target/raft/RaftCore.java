package dev.faultline.target.raft;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Raft node as a deterministic state machine (etcd raft's {@code raft} struct behind
 * {@code RawNode}): ticks, peer messages and client requests in; a {@link Ready} out. It owns the
 * state every role shares (Figure 2: currentTerm, votedFor, log, commitIndex, lastApplied) and the
 * key-value state machine, applies the term rule once before any role sees a message ({@link #step}),
 * and swaps the {@link Role} on elections.
 *
 * <p>Durability: currentTerm and votedFor are persisted and fsynced before any message that depends
 * on them leaves (votes, answers in a new term); entries likewise before a follower acknowledges
 * them. Every message but the leader's replication goes out after persistence
 * ({@link #send}); the leader's appends may leave before its own copy is on disk
 * ({@link #sendNow}, etcd raft §10.2.1 of the dissertation), since it counts its own entries only
 * through answers that arrive in later inputs.
 *
 * <p>After every input the core checks its invariants and throws {@link IllegalStateException}
 * with the numbers when one breaks: the term and the commit index never decrease;
 * {@code snapshotIndex <= lastApplied <= commitIndex <= lastIndex}; a leader voted for itself.
 */
public final class RaftCore implements Core<RaftMessage, RaftRecord> {
    /** The reserved key through which clients read ({@code read}) and change ({@code write} a list) the voters. */
    public static final String VOTERS_KEY = "raft/voters";

    final String id;
    /** Every node of the cluster (voters or not), in a fixed order. */
    final List<String> nodes;
    final RaftConfig config;
    final long tickIntervalNanos;
    final Ready.Builder<RaftMessage, RaftRecord> ready = new Ready.Builder<>();
    final RaftLog log;
    final KvStateMachine stateMachine;
    private final RandomGenerator random;

    long currentTerm;
    String votedFor;
    /** The leader of the current term as far as this node knows, or null. */
    String leader;
    long commitIndex;
    long lastApplied;
    Role role;
    /** Ticks since this node last heard from a leader (a leader: since its last check-quorum round). */
    int electionElapsed;
    private int randomizedElectionTimeout;
    /** The reading of the input being handled. */
    ClockReading now = new ClockReading(0, 0);
    /** The state machine bytes of the snapshot in {@code log.snapshot()}, for followers that need it. */
    byte[] snapshotData;
    /**
     * With lease reads: a node that just started ignores votes for an election timeout, as if it had
     * just heard from a leader, since it may have acknowledged a lease before it crashed.
     */
    private boolean quietAfterStart;
    private long reportedCommitIndex;
    private long checkedTerm;
    private long checkedCommitIndex;

    RaftCore(CoreContext context, RaftConfig config, List<RaftRecord> recovered) {
        this.id = context.nodeId();
        this.nodes = context.nodes();
        this.config = config;
        this.random = context.random();
        this.tickIntervalNanos = context.tickIntervalNanos();
        this.stateMachine = new KvStateMachine(config.sessionsMax(), !config.has(Bug.NO_DEDUP));
        List<String> initialVoters = config.voters().isEmpty() ? nodes : config.voters();
        this.log = new RaftLog(SnapshotMeta.initial(initialVoters), List.of());
        this.snapshotData = stateMachine.snapshot();
        recover(recovered);
        this.quietAfterStart = config.leaseReads();
        this.role = new Follower(this);
        resetElectionTimer();
        checkedTerm = currentTerm;
        checkedCommitIndex = commitIndex;
    }

    /** Replays the durable records: the latest hard state, the latest snapshot, then each append. */
    private void recover(List<RaftRecord> recovered) {
        for (RaftRecord record : recovered) {
            if (record instanceof RaftRecord.HardState hardState) {
                currentTerm = hardState.term();
                votedFor = hardState.votedFor();
            } else if (record instanceof RaftRecord.Snapshot snapshot) {
                currentTerm = snapshot.hardState().term();
                votedFor = snapshot.hardState().votedFor();
                log.restore(snapshot.meta(), snapshot.tail());
                stateMachine.restore(snapshot.data());
                snapshotData = snapshot.data();
                commitIndex = snapshot.meta().index();
                lastApplied = snapshot.meta().index();
            } else if (record instanceof RaftRecord.Append append) {
                long first = append.entries().get(0).index();
                if (first <= log.lastIndex()) {
                    log.truncateFrom(first);
                }
                append.entries().forEach(log::append);
            }
        }
    }

    // ------------------------------------------------------------------ inputs

    @Override
    public void tick(ClockReading reading) {
        now = reading;
        role.tick();
        finishInput();
    }

    @Override
    public void receive(ClockReading reading, String from, RaftMessage message) {
        now = reading;
        if (nodes.contains(from) && !from.equals(id)) {
            step(from, message);
        }
        finishInput();
    }

    @Override
    public void request(ClockReading reading, ClientRequest request) {
        now = reading;
        role.request(request);
        finishInput();
    }

    /**
     * The term rule (Figure 2, "all servers"; etcd {@code Step}), once for every role: a higher term
     * makes this node a follower in it, a lower one is answered with ours so a stale leader or
     * candidate learns, and only messages of the current term reach the role.
     */
    private void step(String from, RaftMessage message) {
        if (message.term() > currentTerm) {
            if (message instanceof RaftMessage.RequestVote vote) {
                if (inLease()) {
                    // A leader is alive: a disruptive or stale candidate gets no answer (§6 of the dissertation).
                    return;
                }
                if (!vote.preVote()) {
                    becomeFollower(vote.term(), null);
                }
                vote(from, vote);
                return;
            }
            boolean futureTermGranted = message instanceof RaftMessage.RequestVoteResponse response
                    && response.preVote() && response.granted();
            if (!futureTermGranted) {
                becomeFollower(message.term(), fromLeader(message) ? from : null);
            }
        } else if (message.term() < currentTerm) {
            if (fromLeader(message)) {
                send(from, new RaftMessage.HeartbeatResponse(currentTerm, 0));
            } else if (message instanceof RaftMessage.RequestVote vote && vote.preVote()) {
                send(from, new RaftMessage.RequestVoteResponse(currentTerm, true, false));
            }
            return;
        }
        if (message instanceof RaftMessage.RequestVote vote) {
            vote(from, vote);
        } else {
            role.step(from, message);
        }
    }

    private static boolean fromLeader(RaftMessage message) {
        return message instanceof RaftMessage.AppendEntries || message instanceof RaftMessage.Heartbeat
                || message instanceof RaftMessage.InstallSnapshot;
    }

    /** Whether this node heard from a leader within the shortest election timeout (etcd's {@code inLease}). */
    private boolean inLease() {
        return (leader != null || quietAfterStart) && electionElapsed < config.electionTicksMin();
    }

    /** RequestVote receiver rules (§5.2, §5.4.1), for votes and pre-votes alike. */
    private void vote(String candidate, RaftMessage.RequestVote request) {
        boolean canVote = candidate.equals(votedFor)
                || (votedFor == null && leader == null)
                || (request.preVote() && request.term() > currentTerm);
        if (canVote && log.isUpToDate(request.lastLogIndex(), request.lastLogTerm())) {
            if (!request.preVote()) {
                electionElapsed = 0;
                votedFor = candidate;
                saveHardState();
                ready.event("vote", "for=" + candidate + " term=" + currentTerm);
            }
            send(candidate, new RaftMessage.RequestVoteResponse(request.preVote() ? request.term() : currentTerm,
                    request.preVote(), true));
        } else {
            send(candidate, new RaftMessage.RequestVoteResponse(currentTerm, request.preVote(), false));
        }
    }

    /** Applies what was committed, compacts if due, checks the invariants. */
    private void finishInput() {
        while (lastApplied < commitIndex) {
            Entry entry = log.entry(++lastApplied);
            KvReply reply = entry.data() instanceof EntryData.Command command ? stateMachine.apply(command.request()) : null;
            role.applied(entry, reply);
        }
        role.afterApply();
        if (lastApplied - log.snapshot().index() >= config.snapshotEveryEntries()) {
            compact();
        }
        checkInvariants();
    }

    @Override
    public Ready<RaftMessage, RaftRecord> ready() {
        role.flush();
        if (commitIndex != reportedCommitIndex) {
            reportedCommitIndex = commitIndex;
            ready.event("commit", "index=" + commitIndex + " term=" + currentTerm);
        }
        return ready.take();
    }

    // ------------------------------------------------------------------ role changes

    void becomeFollower(long term, String newLeader) {
        if (term < currentTerm) {
            throw new IllegalStateException("becomeFollower(" + term + ") below current term " + currentTerm);
        }
        role.leave();
        String previous = role.name();
        if (term > currentTerm) {
            currentTerm = term;
            votedFor = null;
            saveHardState();
        }
        role = new Follower(this);
        leader = newLeader;
        resetElectionTimer();
        ready.event("role", "role=follower term=" + term + " leader=" + newLeader + " was=" + previous);
    }

    /** Starts a pre-vote or a real election, if this node is a voter. */
    void campaign(boolean preVote) {
        if (!log.voters().contains(id)) {
            resetElectionTimer();
            return;
        }
        role.leave();
        if (!preVote) {
            currentTerm++;
            votedFor = id;
            saveHardState();
        }
        leader = null;
        resetElectionTimer();
        Candidate candidate = new Candidate(this, preVote);
        role = candidate;
        ready.event("election", (preVote ? "pre-vote term=" + (currentTerm + 1) : "vote term=" + currentTerm) + " lastIndex="
                + log.lastIndex() + " lastTerm=" + log.lastTerm());
        candidate.start();
    }

    void becomeLeader() {
        if (!(role instanceof Candidate) || !id.equals(votedFor)) {
            throw new IllegalStateException("invalid transition [" + role.name() + " -> leader] in term " + currentTerm);
        }
        Leader newLeader = new Leader(this);
        role = newLeader;
        leader = id;
        electionElapsed = 0;
        ready.event("role", "role=leader term=" + currentTerm + " lastIndex=" + log.lastIndex());
        newLeader.start();
    }

    /** A leader's message arrived: remember the leader and restart the election timer. */
    void heardFromLeader(String from) {
        leader = from;
        electionElapsed = 0;
    }

    /** A follower's or candidate's tick (etcd {@code tickElection}): campaign, with a pre-vote, once the timeout passed. */
    void tickElection() {
        electionElapsed++;
        if (quietAfterStart && electionElapsed >= config.electionTicksMin()) {
            quietAfterStart = false;
        }
        if (electionElapsed >= randomizedElectionTimeout) {
            campaign(true);
        }
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        randomizedElectionTimeout = config.electionTicksMin() + random.nextInt(config.electionTicksMin());
    }

    // ------------------------------------------------------------------ shared actions

    /** Sends after this Ready is persisted: everything but a leader's replication. */
    void send(String to, RaftMessage message) {
        ready.sendAfterPersist(to, message);
    }

    /** Sends at once, before persistence: a leader's appends, heartbeats and snapshot chunks. */
    void sendNow(String to, RaftMessage message) {
        ready.send(to, message);
    }

    /** A client asked a node that does not lead: point it at the leader, or (bug) read locally. */
    void redirect(ClientRequest request) {
        if (config.has(Bug.STALE_READ) && request.request().op() == KvOp.READ && !VOTERS_KEY.equals(request.request().key())) {
            ready.reply(request.requestId(), stateMachine.read(request.request()));
        } else {
            ready.reply(request.requestId(), KvReply.notLeader(leader));
        }
    }

    void commitTo(long index) {
        if (index > commitIndex) {
            if (index > log.lastIndex()) {
                throw new IllegalStateException("commit " + index + " beyond last index " + log.lastIndex());
            }
            commitIndex = index;
        }
    }

    /** currentTerm and votedFor, fsynced before the messages that depend on them. */
    private void saveHardState() {
        ready.persist(hardStateOnDisk());
        ready.sync();
    }

    private RaftRecord.HardState hardStateOnDisk() {
        return new RaftRecord.HardState(currentTerm, config.has(Bug.VOTE_NOT_PERSISTED) ? null : votedFor);
    }

    /** New log entries; fsynced before anyone is told they are stored (unless the no-fsync bug). */
    void persistEntries(List<Entry> entries) {
        ready.persist(new RaftRecord.Append(entries));
        if (!config.has(Bug.NO_FSYNC)) {
            ready.sync();
        }
    }

    /** Replaces the applied prefix of the log by a snapshot of the state machine (§7). */
    private void compact() {
        SnapshotMeta meta = new SnapshotMeta(lastApplied, log.term(lastApplied), log.votersAt(lastApplied));
        snapshotData = stateMachine.snapshot();
        log.compact(meta);
        persistSnapshot();
        ready.event("snapshot", "taken index=" + meta.index() + " term=" + meta.term() + " bytes=" + snapshotData.length);
    }

    /** Installs a leader's snapshot: keeps the log after it if it matches there (§7), else starts over. */
    void installSnapshot(SnapshotMeta meta, byte[] data) {
        List<Entry> tail = log.matches(meta.index(), meta.term()) && meta.index() < log.lastIndex()
                ? log.slice(meta.index() + 1, log.lastIndex(), Integer.MAX_VALUE, Long.MAX_VALUE)
                : List.of();
        log.restore(meta, tail);
        stateMachine.restore(data);
        snapshotData = data;
        commitIndex = Math.max(commitIndex, meta.index());
        lastApplied = meta.index();
        persistSnapshot();
        ready.event("snapshot", "installed index=" + meta.index() + " term=" + meta.term() + " bytes=" + data.length);
    }

    private void persistSnapshot() {
        List<Entry> tail = log.length() == 0 ? List.of()
                : log.slice(log.firstIndex(), log.lastIndex(), Integer.MAX_VALUE, Long.MAX_VALUE);
        ready.snapshot(new RaftRecord.Snapshot(hardStateOnDisk(), log.snapshot(), snapshotData, tail));
    }

    // ------------------------------------------------------------------ checks and status

    private void checkInvariants() {
        log.checkInvariants();
        if (currentTerm < checkedTerm) {
            throw new IllegalStateException("term went back from " + checkedTerm + " to " + currentTerm);
        }
        if (commitIndex < checkedCommitIndex) {
            throw new IllegalStateException("commit index went back from " + checkedCommitIndex + " to " + commitIndex);
        }
        if (log.snapshot().index() > lastApplied || lastApplied > commitIndex || commitIndex > log.lastIndex()) {
            throw new IllegalStateException("need snapshotIndex <= lastApplied <= commitIndex <= lastIndex, have "
                    + log.snapshot().index() + ", " + lastApplied + ", " + commitIndex + ", " + log.lastIndex());
        }
        if (role instanceof Leader leaderRole) {
            if (!id.equals(votedFor) || !id.equals(leader)) {
                throw new IllegalStateException("leader of term " + currentTerm + " voted for " + votedFor + ", follows " + leader);
            }
            leaderRole.checkInvariants();
        }
        checkedTerm = currentTerm;
        checkedCommitIndex = commitIndex;
    }

    @Override
    public NodeStatus status() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("votedFor", votedFor);
        extra.put("firstIndex", log.firstIndex());
        extra.put("lastIndex", log.lastIndex());
        extra.put("lastTerm", log.lastTerm());
        extra.put("snapshotIndex", log.snapshot().index());
        extra.put("voters", log.voters());
        extra.put("keys", (long) stateMachine.keyCount());
        extra.put("sessions", (long) stateMachine.sessionCount());
        return new NodeStatus(role.name(), currentTerm, leader, commitIndex, lastApplied, log.length(), extra);
    }

    // ------------------------------------------------------------------ read-only views for tests and the simulator

    public long currentTerm() {
        return currentTerm;
    }

    public String votedFor() {
        return votedFor;
    }

    public String leader() {
        return leader;
    }

    public boolean isLeader() {
        return role instanceof Leader;
    }

    public String roleName() {
        return role.name();
    }

    public long commitIndex() {
        return commitIndex;
    }

    public long lastApplied() {
        return lastApplied;
    }

    public long firstIndex() {
        return log.firstIndex();
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    public long snapshotIndex() {
        return log.snapshot().index();
    }

    /** The entry at {@code index}, which must be in {@code [firstIndex, lastIndex]}. */
    public Entry entry(long index) {
        return log.entry(index);
    }

    /** The term at {@code index} in {@code [snapshotIndex, lastIndex]}. */
    public long term(long index) {
        return log.term(index);
    }

    /** How many times entries were removed from the end of the log (conflicts, installed snapshots). */
    public long truncations() {
        return log.truncations();
    }

    public List<String> voters() {
        return log.voters();
    }
}
