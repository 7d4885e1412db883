package dev.faultline.target.gossip;

import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Envelope;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A hand-driven cluster of gossip cores for scripted tests (etcd raft's test {@code network}):
 * nothing moves until the test says so. Messages wait in one FIFO queue; {@link #deliver()} hands
 * them over one at a time, dropping those on a cut link; time moves only by {@link #advance}. Every
 * node's records are kept as its disk, so a node can be crashed and restarted from them.
 */
final class ScriptedCluster {
    /** A message in flight. */
    record Sent(String from, String to, GossipMessage message) {
        @Override
        public String toString() {
            return from + "->" + to + " " + message;
        }
    }

    static final long TICK_MILLIS = 10;

    private final Protocol<GossipMessage, GossipRecord> protocol;
    private final List<String> nodes;
    private final Map<String, Core<GossipMessage, GossipRecord>> cores = new LinkedHashMap<>();
    private final Map<String, List<GossipRecord>> disks = new HashMap<>();
    private final Map<String, Long> wallOffsetMillis = new HashMap<>();
    private final Set<String> cutLinks = new HashSet<>();
    private final ArrayDeque<Sent> queue = new ArrayDeque<>();
    private final Map<Long, KvReply> replies = new HashMap<>();
    private final List<Sent> delivered = new ArrayList<>();
    private final SplittableRandom seeds;
    private long nowMillis = 1_000;
    /** Time within the current millisecond, for requests that must be stamped apart without a tick between them. */
    private long subMilliMicros;
    private long nextRequestId = 1;

    @SuppressWarnings("unchecked")
    ScriptedCluster(int size, Set<String> bugs, Map<String, String> options) {
        this.protocol = (Protocol<GossipMessage, GossipRecord>) GossipTarget.SPEC.create(bugs, options);
        this.seeds = new SplittableRandom(42);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            ids.add("n" + i);
        }
        this.nodes = List.copyOf(ids);
        for (String node : nodes) {
            disks.put(node, new ArrayList<>());
            wallOffsetMillis.put(node, 0L);
            start(node);
        }
    }

    ScriptedCluster(int size, Map<String, String> options) {
        this(size, Set.of(), options);
    }

    private void start(String node) {
        cores.put(node, protocol.start(new CoreContext(node, nodes, seeds.split(), TICK_MILLIS * 1_000_000L),
                List.copyOf(disks.get(node))));
        collect(node);
    }

    List<String> nodes() {
        return nodes;
    }

    GossipCore core(String node) {
        return (GossipCore) cores.get(node);
    }

    private ClockReading clock(String node) {
        long millis = 1_767_225_600_000L + nowMillis + wallOffsetMillis.get(node);
        return new ClockReading(millis * 1_000 + subMilliMicros, nowMillis * 1_000_000L + subMilliMicros * 1_000);
    }

    /** Moves time forward {@code micros} within the current millisecond, without a tick. */
    void passMicros(long micros) {
        if (subMilliMicros + micros >= 1_000) {
            throw new IllegalArgumentException("stays within the millisecond: use advance");
        }
        subMilliMicros += micros;
    }

    /** Sets how far {@code node}'s wall clock is ahead (positive) or behind. */
    void skewClock(String node, long offsetMillis) {
        wallOffsetMillis.put(node, offsetMillis);
    }

    // ------------------------------------------------------------ clients

    /** A client sends {@code request} to {@code node}; returns the request id to look the reply up with. */
    long request(String node, KvRequest request) {
        long id = nextRequestId++;
        cores.get(node).request(clock(node), new ClientRequest(id, request));
        collect(node);
        return id;
    }

    long write(String node, Object key, Object value) {
        return request(node, KvRequest.write(key, value, 1, nextRequestId));
    }

    long read(String node, Object key) {
        return request(node, KvRequest.read(key, 1, nextRequestId));
    }

    long add(String node, Object key, Object element) {
        return request(node, new KvRequest(KvOp.ADD, key, element, 1, nextRequestId));
    }

    /** The reply to request {@code id}, or null while there is none. */
    KvReply reply(long id) {
        return replies.get(id);
    }

    // ------------------------------------------------------------ network

    /** Cuts both directions between {@code node} and every other node. */
    void isolate(String node) {
        for (String other : nodes) {
            if (!other.equals(node)) {
                cut(node, other);
                cut(other, node);
            }
        }
    }

    void cut(String from, String to) {
        cutLinks.add(from + ">" + to);
    }

    void heal() {
        cutLinks.clear();
    }

    /** Delivers queued messages (and what they cause) until none is left; messages on cut links are dropped. */
    void deliver() {
        deliverWhile(sent -> true);
    }

    /** Delivers queued messages matching {@code which}, dropping the others, until the queue is empty. */
    void deliverWhile(Predicate<Sent> which) {
        for (int steps = 0; !queue.isEmpty(); steps++) {
            if (steps > 100_000) {
                throw new AssertionError("messages keep coming: " + queue.peek());
            }
            Sent sent = queue.poll();
            if (cutLinks.contains(sent.from() + ">" + sent.to()) || !cores.containsKey(sent.to()) || !which.test(sent)) {
                continue;
            }
            delivered.add(sent);
            cores.get(sent.to()).receive(clock(sent.to()), sent.from(), sent.message());
            collect(sent.to());
        }
    }

    /** Drops every queued message. */
    void dropAll() {
        queue.clear();
    }

    List<Sent> queued() {
        return List.copyOf(queue);
    }

    /** Every message delivered so far. */
    List<Sent> delivered() {
        return List.copyOf(delivered);
    }

    // ------------------------------------------------------------ time

    /** Moves time forward {@code millis}, one tick for every node each {@value #TICK_MILLIS} ms, delivering in between. */
    void advance(long millis) {
        for (long passed = 0; passed < millis; passed += TICK_MILLIS) {
            nowMillis += TICK_MILLIS;
            subMilliMicros = 0;
            for (String node : nodes) {
                if (cores.containsKey(node)) {
                    cores.get(node).tick(clock(node));
                    collect(node);
                }
            }
            deliver();
        }
    }

    // ------------------------------------------------------------ crashes

    /** Stops {@code node}: its core is gone, its disk (every record it persisted) stays. */
    void crash(String node) {
        cores.remove(node);
    }

    void restart(String node) {
        start(node);
    }

    private void collect(String node) {
        Ready<GossipMessage, GossipRecord> ready = cores.get(node).ready();
        for (Envelope<GossipMessage> envelope : ready.messages()) {
            queue.add(new Sent(node, envelope.to(), envelope.message()));
        }
        if (ready.snapshot() != null) {
            disks.get(node).clear();
            disks.get(node).add(ready.snapshot());
        }
        disks.get(node).addAll(ready.records());
        for (Envelope<GossipMessage> envelope : ready.messagesAfterPersist()) {
            queue.add(new Sent(node, envelope.to(), envelope.message()));
        }
        ready.replies().forEach(reply -> {
            if (replies.put(reply.requestId(), reply.reply()) != null) {
                throw new AssertionError("request " + reply.requestId() + " answered twice");
            }
        });
    }

    List<GossipRecord> disk(String node) {
        return List.copyOf(disks.get(node));
    }
}
