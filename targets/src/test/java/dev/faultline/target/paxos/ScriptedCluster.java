package dev.faultline.target.paxos;

import dev.faultline.target.common.core.ClientReply;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.CoreEvent;
import dev.faultline.target.common.core.Envelope;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Paxos cores wired by hand for scripted tests (etcd raft's {@code network} in
 * {@code raft_test.go}): nothing moves unless the test says so. Each node has its own clock,
 * advanced explicitly; messages wait in one queue until delivered, dropped or duplicated; disks
 * keep records with the shell's semantics (a crash with power loss keeps only synced records).
 * Every delivery, drop, reply and event is written to {@link #log()} in a stable text form.
 */
final class ScriptedCluster {
    /** A message on its way. */
    record InFlight(String from, String to, PaxosMessage message) {
        @Override
        public String toString() {
            return from + "->" + to + " " + message;
        }
    }

    private final List<String> nodes;
    private final PaxosTarget target;
    private final Map<String, PaxosCore> cores = new LinkedHashMap<>();
    private final Map<String, Long> clocksNanos = new HashMap<>();
    private final Map<String, Long> wallOffsetsMillis = new HashMap<>();
    private final Map<String, List<PaxosRecord>> disks = new HashMap<>();
    private final Map<String, Integer> synced = new HashMap<>();
    private final List<InFlight> queue = new ArrayList<>();
    private final Map<Long, KvReply> replies = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, Ready<PaxosMessage, PaxosRecord>> lastReady = new HashMap<>();
    private long nextRequestId = 1;
    private long seed = 1;

    ScriptedCluster(int size, PaxosConfig config) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            names.add("n" + i);
        }
        this.nodes = List.copyOf(names);
        this.target = new PaxosTarget(config);
        for (String node : nodes) {
            clocksNanos.put(node, 1_000_000_000L);
            wallOffsetsMillis.put(node, 0L);
            disks.put(node, new ArrayList<>());
            synced.put(node, 0);
            start(node);
        }
    }

    static ScriptedCluster of(int size) {
        return new ScriptedCluster(size, PaxosConfig.defaults());
    }

    private void start(String node) {
        List<PaxosRecord> recovered = List.copyOf(disks.get(node));
        cores.put(node, (PaxosCore) target.start(new CoreContext(node, nodes, new SplittableRandom(seed++), 10_000_000L),
                recovered));
        // The first input starts the election timer; tick at once so every test starts from there.
        cores.get(node).tick(now(node));
        collect(node);
    }

    PaxosConfig config() {
        return target.config();
    }

    PaxosCore core(String node) {
        PaxosCore core = cores.get(node);
        if (core == null) {
            throw new IllegalStateException(node + " is down");
        }
        return core;
    }

    ClockReading now(String node) {
        long nanos = clocksNanos.get(node);
        return ClockReading.ofMillis(1_767_225_600_000L + nanos / 1_000_000L + wallOffsetsMillis.get(node), nanos);
    }

    // ---------------------------------------------------------------- time

    /** Advances {@code node}'s clock by {@code millis} and ticks it once. */
    void tick(String node, long millis) {
        clocksNanos.merge(node, millis * 1_000_000L, Long::sum);
        core(node).tick(now(node));
        collect(node);
    }

    /** Moves {@code node}'s wall clock (only), as an NTP step or a nemesis bump would. */
    void bumpWallClock(String node, long deltaMillis) {
        wallOffsetsMillis.merge(node, deltaMillis, Long::sum);
    }

    /** Advances {@code node}'s clock without ticking it: time passes, timers fire only at its next tick. */
    void advance(String node, long millis) {
        clocksNanos.merge(node, millis * 1_000_000L, Long::sum);
    }

    /**
     * Lets {@code node}'s election timeout expire: every clock moves past the acceptors' grants to
     * the last leader (as time passes for everyone), and {@code node} alone ticks and campaigns.
     */
    void campaign(String node) {
        log.add("campaign " + node);
        for (String other : nodes) {
            advance(other, config().electionTimeoutMillis() + 1);
        }
        tick(node, config().electionTimeoutMillis());
    }

    // ---------------------------------------------------------------- clients

    /** A client's request arrives at {@code node}; returns its request id. */
    long request(String node, KvRequest request) {
        long id = nextRequestId++;
        log.add("request " + node + " #" + id + " " + request.op().f() + " " + request.key() + " " + request.value());
        core(node).request(now(node), new ClientRequest(id, request));
        collect(node);
        return id;
    }

    /** The reply to request {@code id}, or null while it has none. */
    KvReply reply(long id) {
        return replies.get(id);
    }

    // ---------------------------------------------------------------- the network

    List<InFlight> queue() {
        return List.copyOf(queue);
    }

    /** Delivers the first queued message that matches, and returns it. */
    InFlight deliverFirst(Predicate<InFlight> which) {
        InFlight next = takeFirst(which);
        deliver(next);
        return next;
    }

    private InFlight takeFirst(Predicate<InFlight> which) {
        for (Iterator<InFlight> it = queue.iterator(); it.hasNext(); ) {
            InFlight next = it.next();
            if (which.test(next)) {
                it.remove();
                return next;
            }
        }
        throw new AssertionError("no queued message matches; queue: " + queue);
    }

    /** Delivers every queued message that matches (and those the deliveries produce that match) until none is left. */
    void deliverAll(Predicate<InFlight> which) {
        while (queue.stream().anyMatch(which)) {
            deliverFirst(which);
        }
    }

    /** Delivers everything until the network is quiet. */
    void stabilize() {
        deliverAll(message -> true);
    }

    /** Drops the first queued message that matches. */
    void dropFirst(Predicate<InFlight> which) {
        log.add("drop " + takeFirst(which));
    }

    /** Drops every queued message that matches. */
    void drop(Predicate<InFlight> which) {
        for (Iterator<InFlight> it = queue.iterator(); it.hasNext(); ) {
            InFlight next = it.next();
            if (which.test(next)) {
                it.remove();
                log.add("drop " + next);
            }
        }
    }

    private void deliver(InFlight message) {
        if (!cores.containsKey(message.to())) {
            log.add("lost " + message + " (down)");
            return;
        }
        log.add("deliver " + message);
        PaxosMessage copy = PaxosMessage.CODEC.fromBytes(PaxosMessage.CODEC.toBytes(message.message()));
        core(message.to()).receive(now(message.to()), message.from(), copy);
        collect(message.to());
    }

    /** Queues {@code message} as if {@code from} had sent it to {@code to}. */
    void inject(String from, String to, PaxosMessage message) {
        queue.add(new InFlight(from, to, message));
    }

    static Predicate<InFlight> from(String node) {
        return message -> message.from().equals(node);
    }

    static Predicate<InFlight> to(String node) {
        return message -> message.to().equals(node);
    }

    static Predicate<InFlight> between(String from, String to) {
        return message -> message.from().equals(from) && message.to().equals(to);
    }

    static Predicate<InFlight> ofType(Class<? extends PaxosMessage> type) {
        return message -> type.isInstance(message.message());
    }

    // ---------------------------------------------------------------- crashes

    /** Crashes {@code node}; with {@code powerLoss} its unsynced records are lost. Messages to it are lost on delivery. */
    void crash(String node, boolean powerLoss) {
        log.add("crash " + node + (powerLoss ? " power-loss" : ""));
        cores.remove(node);
        if (powerLoss) {
            List<PaxosRecord> disk = disks.get(node);
            disk.subList(synced.get(node), disk.size()).clear();
        }
    }

    void restart(String node) {
        log.add("restart " + node + " records=" + disks.get(node).size());
        start(node);
    }

    List<PaxosRecord> disk(String node) {
        return List.copyOf(disks.get(node));
    }

    // ---------------------------------------------------------------- output

    /** Carries out {@code node}'s Ready: the scripted version of {@link Ready#carryOut}. */
    private void collect(String node) {
        Ready<PaxosMessage, PaxosRecord> ready = cores.get(node).ready();
        lastReady.put(node, ready);
        List<PaxosRecord> disk = disks.get(node);
        if (ready.snapshot() != null) {
            disk.clear();
            disk.add(PaxosRecord.CODEC.fromBytes(PaxosRecord.CODEC.toBytes(ready.snapshot())));
            synced.put(node, 1);
        }
        for (PaxosRecord record : ready.records()) {
            disk.add(PaxosRecord.CODEC.fromBytes(PaxosRecord.CODEC.toBytes(record)));
        }
        if (ready.mustSync()) {
            synced.put(node, disk.size());
        }
        for (Envelope<PaxosMessage> envelope : ready.messages()) {
            queue.add(new InFlight(node, envelope.to(), envelope.message()));
        }
        for (Envelope<PaxosMessage> envelope : ready.messagesAfterPersist()) {
            queue.add(new InFlight(node, envelope.to(), envelope.message()));
        }
        for (ClientReply reply : ready.replies()) {
            replies.put(reply.requestId(), reply.reply());
            log.add("reply " + node + " #" + reply.requestId() + " " + reply.reply().outcome().wireName()
                    + (reply.reply().isOk() ? " " + reply.reply().value() : " " + reply.reply().error()));
        }
        for (CoreEvent event : ready.events()) {
            log.add(node + " " + event);
        }
    }

    /** What {@code node} handed over after its latest input. */
    Ready<PaxosMessage, PaxosRecord> lastReady(String node) {
        return lastReady.get(node);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    List<String> nodes() {
        return nodes;
    }
}
