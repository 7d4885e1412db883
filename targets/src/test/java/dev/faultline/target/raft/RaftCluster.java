package dev.faultline.target.raft;

import dev.faultline.target.common.core.ClientReply;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.CoreEvent;
import dev.faultline.target.common.core.Effects;
import dev.faultline.target.common.core.Envelope;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Raft cores wired together by hand for scripted tests (etcd raft's {@code network} in
 * {@code raft_test.go}): nothing happens until the test says so. Messages wait in one FIFO queue
 * until {@link #deliver} or {@link #stabilize}; each travels as bytes through the codec; links can
 * be cut. Each node has a disk with the shell's semantics (records survive a crash, only synced ones
 * survive a power loss) and its own clock that advances one tick interval per {@link #tick}.
 */
final class RaftCluster {
    static final long TICK_NANOS = 10_000_000L;
    private static final long WALL_ORIGIN_MILLIS = 1_767_225_600_000L;

    /** One message in flight. */
    record InFlight(String from, String to, byte[] bytes) {}

    /** A node's disk: records as bytes, how many are synced. */
    private static final class Disk {
        final List<byte[]> records = new ArrayList<>();
        int synced;
    }

    private final class Node implements Effects<RaftMessage, RaftRecord> {
        final String id;
        final Disk disk = new Disk();
        RaftCore core;
        long monotonicNanos;
        long wallOffsetMillis;

        Node(String id) {
            this.id = id;
        }

        ClockReading clock() {
            return ClockReading.ofMillis(WALL_ORIGIN_MILLIS + monotonicNanos / 1_000_000 + wallOffsetMillis, monotonicNanos);
        }

        @Override
        public void send(Envelope<RaftMessage> envelope) {
            if (!cut.contains(id + ">" + envelope.to())) {
                inFlight.add(new InFlight(id, envelope.to(), RaftCodecs.MESSAGES.toBytes(envelope.message())));
            }
        }

        @Override
        public void persist(RaftRecord snapshot, List<RaftRecord> records, boolean mustSync) {
            if (snapshot != null) {
                disk.records.clear();
                disk.records.add(RaftCodecs.RECORDS.toBytes(snapshot));
                disk.synced = 1;
            }
            for (RaftRecord record : records) {
                disk.records.add(RaftCodecs.RECORDS.toBytes(record));
            }
            if (mustSync) {
                disk.synced = disk.records.size();
            }
        }

        @Override
        public void reply(ClientReply reply) {
            if (replies.put(reply.requestId(), reply.reply()) != null) {
                throw new AssertionError("request " + reply.requestId() + " answered twice");
            }
            KvReply answer = reply.reply();
            transcript.add(id + " reply #" + reply.requestId() + " " + answer.outcome().wireName()
                    + (answer.value() == null ? "" : " " + answer.value()) + (answer.error() == null ? "" : " " + answer.error())
                    + (answer.leaderHint() == null ? "" : " leader=" + answer.leaderHint()));
        }

        @Override
        public void event(CoreEvent event) {
            events.add(id + " " + event);
            transcript.add(id + " " + event);
        }

        void carryOut() {
            Ready<RaftMessage, RaftRecord> ready = core.ready();
            try {
                ready.carryOut(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final RaftConfig config;
    private final List<String> ids;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final Set<String> cut = new HashSet<>();
    private final Map<Long, KvReply> replies = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    /** Deliveries, events and replies in order, for the text scripts ({@link RaftScriptTest}). */
    private final List<String> transcript = new ArrayList<>();
    private final SplittableRandom seeds = new SplittableRandom(42);
    private long nextRequestId = 1;

    RaftCluster(RaftConfig config, String... ids) {
        this.config = config;
        this.ids = List.of(ids);
        for (String id : ids) {
            Node node = new Node(id);
            nodes.put(id, node);
            start(node);
        }
    }

    /** Heartbeats every tick, elections after 10–19 ticks: scripts stay short. */
    static RaftConfig.Builder fast() {
        return RaftConfig.builder().timeouts(1, 10);
    }

    private void start(Node node) {
        List<RaftRecord> recovered = new ArrayList<>();
        for (byte[] record : node.disk.records) {
            recovered.add(RaftCodecs.RECORDS.fromBytes(record));
        }
        node.core = (RaftCore) new RaftTarget(config).start(
                new CoreContext(node.id, ids, seeds.split(), TICK_NANOS), recovered);
    }

    RaftCore core(String id) {
        RaftCore core = node(id).core;
        if (core == null) {
            throw new IllegalStateException(id + " is down");
        }
        return core;
    }

    private Node node(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id);
        }
        return node;
    }

    // ------------------------------------------------------------------ time

    void tick(String id, int times) {
        Node node = node(id);
        for (int i = 0; i < times && node.core != null; i++) {
            node.monotonicNanos += TICK_NANOS;
            node.core.tick(node.clock());
            node.carryOut();
        }
    }

    /** Ticks every live node once. */
    void tickAll() {
        for (String id : ids) {
            tick(id, 1);
        }
    }

    /** Moves {@code id}'s wall clock (not its monotonic clock), as an NTP step would. */
    void bumpWallClock(String id, long deltaMillis) {
        node(id).wallOffsetMillis += deltaMillis;
    }

    /** Ticks {@code id} until it starts a new election (a pre-vote), and no further. */
    void timeOut(String id) {
        String election = id + " event=election";
        long before = events.stream().filter(event -> event.startsWith(election)).count();
        for (int i = 0; i < 4 * config.electionTicksMin(); i++) {
            tick(id, 1);
            if (events.stream().filter(event -> event.startsWith(election)).count() > before) {
                return;
            }
        }
        throw new AssertionError(id + " did not time out");
    }

    /** {@code id} times out and the cluster delivers everything: usually it wins. */
    void elect(String id) {
        timeOut(id);
        stabilize();
    }

    /**
     * Ticks each node through one shortest election timeout, so it stops ignoring votes for the
     * leader it last heard (check-quorum's lease); anything it sends meanwhile (a pre-vote of its
     * own) is dropped.
     */
    void expireLease(String... ids) {
        for (String id : ids) {
            tick(id, config.electionTicksMin());
            drop(message -> message.from().equals(id));
        }
    }

    /** Elects {@code id}: the other live nodes forget their leader, then it campaigns until it wins. */
    void electWith(String id, Predicate<InFlight> lost) {
        for (int attempt = 0; attempt < 5 && !core(id).isLeader(); attempt++) {
            for (String other : ids) {
                if (!other.equals(id) && nodes.get(other).core != null) {
                    expireLease(other);
                }
            }
            timeOut(id);
            stabilize(lost);
        }
        if (!core(id).isLeader()) {
            throw new AssertionError(id + " could not be elected");
        }
    }

    // ------------------------------------------------------------------ messages

    /** Delivers every message in flight now (not those sent in answer). Returns how many arrived. */
    int deliver() {
        int count = inFlight.size();
        int delivered = 0;
        for (int i = 0; i < count; i++) {
            delivered += deliverOne(inFlight.poll()) ? 1 : 0;
        }
        return delivered;
    }

    /** Delivers until nothing is in flight (bounded, in case a test makes cores chatter forever). */
    void stabilize() {
        for (int round = 0; round < 1_000 && !inFlight.isEmpty(); round++) {
            deliver();
        }
        if (!inFlight.isEmpty()) {
            throw new AssertionError("the cluster did not stabilize: " + inFlight.size() + " messages still in flight");
        }
    }

    /** Like {@link #stabilize()}, but every message matching {@code lost} is dropped instead of delivered. */
    void stabilize(Predicate<InFlight> lost) {
        for (int round = 0; round < 1_000 && !inFlight.isEmpty(); round++) {
            inFlight.removeIf(lost);
            deliver();
        }
    }

    /** Drops every message in flight that matches. */
    void drop(Predicate<InFlight> which) {
        inFlight.removeIf(which);
    }

    List<InFlight> inFlight() {
        return List.copyOf(inFlight);
    }

    RaftMessage decode(InFlight message) {
        return RaftCodecs.MESSAGES.fromBytes(message.bytes());
    }

    private boolean deliverOne(InFlight message) {
        Node to = node(message.to());
        if (to.core == null || cut.contains(message.from() + ">" + message.to())) {
            return false;
        }
        RaftMessage decoded = RaftCodecs.MESSAGES.fromBytes(message.bytes());
        transcript.add(message.from() + "->" + message.to() + " " + decoded);
        to.core.receive(to.clock(), message.from(), decoded);
        to.carryOut();
        return true;
    }

    /** Cuts {@code id} off from every other node, both ways. */
    void isolate(String id) {
        for (String other : ids) {
            if (!other.equals(id)) {
                cut.add(id + ">" + other);
                cut.add(other + ">" + id);
            }
        }
    }

    /** Cuts messages from {@code from} to {@code to} only. */
    void cut(String from, String to) {
        cut.add(from + ">" + to);
    }

    void heal() {
        cut.clear();
    }

    // ------------------------------------------------------------------ clients

    long request(String id, KvRequest request) {
        long requestId = nextRequestId++;
        Node node = node(id);
        node.core.request(node.clock(), new ClientRequest(requestId, request));
        node.carryOut();
        return requestId;
    }

    /** The reply to {@code requestId}, or null if none yet. */
    KvReply reply(long requestId) {
        return replies.get(requestId);
    }

    // ------------------------------------------------------------------ crashes

    /** Stops {@code id}; with {@code powerLoss} its unsynced records are gone. */
    void crash(String id, boolean powerLoss) {
        Node node = node(id);
        node.core = null;
        if (powerLoss) {
            node.disk.records.subList(node.disk.synced, node.disk.records.size()).clear();
        }
    }

    void restart(String id) {
        Node node = node(id);
        if (node.core != null) {
            throw new IllegalStateException(id + " is up");
        }
        start(node);
    }

    boolean isUp(String id) {
        return node(id).core != null;
    }

    int unsyncedRecords(String id) {
        Disk disk = node(id).disk;
        return disk.records.size() - disk.synced;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    /** What happened since the last call: deliveries, events and replies, in order. */
    List<String> takeTranscript() {
        List<String> taken = List.copyOf(transcript);
        transcript.clear();
        return taken;
    }

    List<String> ids() {
        return ids;
    }

    /** The one node that leads in the highest term, or null. */
    String leader() {
        String leader = null;
        long term = -1;
        for (Node node : nodes.values()) {
            if (node.core != null && node.core.isLeader() && node.core.currentTerm() > term) {
                leader = node.id;
                term = node.core.currentTerm();
            }
        }
        return leader;
    }
}
