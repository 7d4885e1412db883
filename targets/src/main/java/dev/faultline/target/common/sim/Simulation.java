package dev.faultline.target.common.sim;

import dev.faultline.history.Op;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.clock.ClockModel;
import dev.faultline.target.common.core.ClientReply;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.CoreEvent;
import dev.faultline.target.common.core.Effects;
import dev.faultline.target.common.core.Envelope;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvHistory;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.net.LinkFaultDecider;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * A cluster of cores in one thread on a simulated network, disk and clock, driven by one seed
 * (TigerBeetle's VOPR; DESIGN.md §5). Same protocol, options, seed and calls give the same run,
 * event for event: there is no real time, no thread and no unseeded randomness in here.
 *
 * <p>Events (ticks, message deliveries, client request arrivals) wait in a queue ordered by
 * simulated time, then by the order they were scheduled. {@link #step()} processes one: it feeds
 * the core, takes its {@link Ready} and carries it out exactly as the shell does
 * ({@link Ready#carryOut}). Messages travel as bytes through the protocol's codec. Faults are the
 * agent's, per node ({@link BlockPeers}, {@link LinkFaults} decided by {@link LinkFaultDecider},
 * clock requests through {@link ClockModel}), plus crashes with or without power loss and restarts.
 *
 * <p>Client requests ({@link #submit}) and their replies form a history of {@link Op}s, ready for
 * a checker. A typical protocol test:
 *
 * <pre>{@code
 * Simulation<RaftMessage, RaftRecord> sim = new Simulation<>(protocol, SimOptions.defaults(3), seed);
 * sim.runFor(1_000);                 // elect a leader
 * sim.submit("n1", KvRequest.write("x", 1, 0, 1));
 * sim.partition(Set.of("n1"));       // isolate n1
 * while (sim.nowNanos() < limit && sim.step()) { invariant.check(sim); }
 * }</pre>
 *
 * Or let {@link SimRunner} draw the faults and the workload from the seed.
 */
public final class Simulation<M, R> {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** A fixed wall-clock origin (2026-01-01T00:00:00Z), so simulated wall clocks are reproducible. */
    private static final long WALL_ORIGIN_NANOS = 1_767_225_600_000L * 1_000_000L;
    private static final int TRACE_MESSAGE_CHARS_MAX = 160;

    private final Protocol<M, R> protocol;
    private final SimOptions options;
    private final long seed;
    private final SplittableRandom network;
    private final SplittableRandom coreSeeds;
    private final Map<String, SimNode<M, R>> nodes = new LinkedHashMap<>();
    private final PriorityQueue<SimEvent> events = new PriorityQueue<>();
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final List<Op> history = new ArrayList<>();
    private final ArrayDeque<String> traceTail = new ArrayDeque<>();
    private final List<String> fullTrace = new ArrayList<>();
    private final SimStats stats = new SimStats();
    private long traceHash = 1125899906842597L;
    private long nowNanos;
    private long scheduled;
    private long nextRequestId = 1;

    /** A submitted request waiting for its reply. */
    private record Pending(String node, int invocationIndex) {}

    public Simulation(Protocol<M, R> protocol, SimOptions options, long seed) {
        this.protocol = protocol;
        this.options = options;
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        this.network = root.split();
        this.coreSeeds = root.split();
        for (String node : options.nodes()) {
            nodes.put(node, new SimNode<>(node, new SimDisk<>(protocol.recordCodec()),
                    ClockModel.start(0, WALL_ORIGIN_NANOS)));
        }
        for (String node : options.nodes()) {
            start(nodes.get(node));
        }
    }

    public long seed() {
        return seed;
    }

    public SimOptions options() {
        return options;
    }

    public long nowNanos() {
        return nowNanos;
    }

    public List<String> nodes() {
        return options.nodes();
    }

    // ---------------------------------------------------------------- running

    /** Processes the next event; false when there is none (every node down, nothing in flight). */
    public boolean step() {
        SimEvent event = events.poll();
        if (event == null) {
            return false;
        }
        if (event.timeNanos() < nowNanos) {
            throw new IllegalStateException("event scheduled in the past: " + event);
        }
        nowNanos = event.timeNanos();
        stats.steps++;
        if (event instanceof SimEvent.Tick tick) {
            onTick(tick);
        } else if (event instanceof SimEvent.Delivery delivery) {
            onDelivery(delivery);
        } else if (event instanceof SimEvent.Arrival arrival) {
            onArrival(arrival);
        }
        return true;
    }

    /** Processes every event due in the next {@code millis} of simulated time, then advances the clock to its end. */
    public void runFor(long millis) {
        long end = nowNanos + millis * NANOS_PER_MILLI;
        while (nextEventNanos() <= end) {
            step();
        }
        advanceTo(end);
    }

    /** When the next event is due, or {@link Long#MAX_VALUE} when there is none. */
    public long nextEventNanos() {
        SimEvent next = events.peek();
        return next == null ? Long.MAX_VALUE : next.timeNanos();
    }

    /** Moves simulated time forward to {@code nanos} without processing events (none may be due before it). */
    public void advanceTo(long nanos) {
        if (nextEventNanos() < nanos) {
            throw new IllegalStateException("events are due before " + nanos + "; step through them first");
        }
        nowNanos = Math.max(nowNanos, nanos);
    }

    /** Steps until {@code condition} holds (true) or {@code millis} of simulated time pass (false). */
    public boolean runUntil(BooleanSupplier condition, long millis) {
        long end = nowNanos + millis * NANOS_PER_MILLI;
        while (!condition.getAsBoolean()) {
            if (nextEventNanos() > end) {
                advanceTo(end);
                return false;
            }
            step();
        }
        return true;
    }

    private void onTick(SimEvent.Tick tick) {
        SimNode<M, R> node = nodes.get(tick.node());
        if (!node.isUp() || tick.generation() != node.tickGeneration) {
            return;
        }
        ClockReading reading = node.clock.read(nowNanos);
        trace(node.id, "tick");
        node.core.tick(reading);
        afterInput(node);
        node.nextTickMonotonicNanos += options.tickIntervalMillis() * NANOS_PER_MILLI;
        scheduleTick(node);
    }

    private void onDelivery(SimEvent.Delivery delivery) {
        SimNode<M, R> to = nodes.get(delivery.to());
        if (!to.isUp()) {
            stats.messagesToDownNodes++;
            return;
        }
        if (to.blocked.inboundFrom().contains(delivery.from())) {
            stats.messagesBlocked++;
            trace(to.id, "drop-inbound from=" + delivery.from());
            return;
        }
        M message = protocol.messageCodec().fromBytes(delivery.bytes());
        stats.messagesDelivered++;
        trace(to.id, "receive from=" + delivery.from() + " " + describe(message));
        to.core.receive(to.clock.read(nowNanos), delivery.from(), message);
        afterInput(to);
    }

    private void onArrival(SimEvent.Arrival arrival) {
        if (!pending.containsKey(arrival.requestId())) {
            return;
        }
        SimNode<M, R> node = nodes.get(arrival.node());
        trace(node.id, "request id=" + arrival.requestId() + " " + arrival.request());
        node.core.request(node.clock.read(nowNanos), new ClientRequest(arrival.requestId(), arrival.request()));
        afterInput(node);
    }

    private void afterInput(SimNode<M, R> node) {
        Ready<M, R> ready = node.core.ready();
        try {
            ready.carryOut(node.effects);
        } catch (IOException e) {
            throw new IllegalStateException("the simulated disk does not throw", e);
        }
    }

    // ---------------------------------------------------------------- what a core's output does

    /** Carries out one node's {@link Ready}: the simulator's version of the shell's I/O. */
    private final class NodeEffects implements Effects<M, R> {
        private final SimNode<M, R> node;

        NodeEffects(SimNode<M, R> node) {
            this.node = node;
        }

        @Override
        public void send(Envelope<M> envelope) {
            String to = envelope.to();
            if (!nodes.containsKey(to) || to.equals(node.id)) {
                throw new IllegalStateException(node.id + " sent to unknown node or itself: " + to);
            }
            byte[] bytes = protocol.messageCodec().toBytes(envelope.message());
            stats.messagesSent++;
            if (node.blocked.outboundTo().contains(to)) {
                stats.messagesBlocked++;
                trace(node.id, "drop-outbound to=" + to);
                return;
            }
            long[] delays = node.links.affects(to) ? LinkFaultDecider.decide(node.links, network) : new long[] {0};
            if (delays.length == 0) {
                stats.messagesLost++;
                trace(node.id, "lose to=" + to);
                return;
            }
            stats.messagesDuplicated += delays.length - 1;
            for (long delay : delays) {
                schedule(new SimEvent.Delivery(nowNanos + latencyNanos() + delay, nextSequence(), node.id, to, bytes));
            }
        }

        @Override
        public void persist(R snapshot, List<R> records, boolean mustSync) {
            node.disk.persist(snapshot, records, mustSync);
        }

        @Override
        public void reply(ClientReply reply) {
            Pending waiting = pending.remove(reply.requestId());
            if (waiting == null || !waiting.node().equals(node.id)) {
                throw new IllegalStateException(node.id + " replied to unknown or foreign request " + reply.requestId());
            }
            complete(waiting, reply.reply());
        }

        @Override
        public void event(CoreEvent event) {
            trace(node.id, event.toString());
        }
    }

    // ---------------------------------------------------------------- clients

    /**
     * A client sends {@code request} to {@code node} now; it arrives after a network latency. The
     * history gets its invocation at once and its completion when the node replies, fails when
     * the node is down (refused), or turns info when the node crashes first.
     *
     * @return the request id the core sees
     */
    public long submit(String node, KvRequest request) {
        SimNode<M, R> target = node(node);
        long requestId = nextRequestId++;
        Op invocation = KvHistory.invocation((int) request.clientId(), request);
        int index = history.size();
        history.add(invocation.withIndex(index).withTime(nowNanos));
        Pending waiting = new Pending(node, index);
        if (!target.isUp()) {
            complete(waiting, KvReply.fail(KvErrors.CONNECTION_REFUSED));
            return requestId;
        }
        pending.put(requestId, waiting);
        schedule(new SimEvent.Arrival(nowNanos + latencyNanos(), nextSequence(), node, requestId, request));
        return requestId;
    }

    private void complete(Pending waiting, KvReply reply) {
        Op invocation = history.get(waiting.invocationIndex());
        Op completion = KvHistory.completion(invocation, reply, waiting.node());
        history.add(completion.withIndex(history.size()).withTime(nowNanos));
        trace(waiting.node(), "reply " + reply.outcome().wireName() + " " + describe(completion.value())
                + (reply.error() == null ? "" : " error=" + reply.error()));
    }

    /** Every invocation and completion so far, with simulated times in nanoseconds. */
    public List<Op> history() {
        return Collections.unmodifiableList(history);
    }

    /** Requests submitted and not yet answered. */
    public int pendingRequests() {
        return pending.size();
    }

    // ---------------------------------------------------------------- crashes

    /**
     * Stops {@code node} at once: its core is discarded, unanswered requests turn info, and with
     * {@code powerLoss} its unsynced records are lost.
     */
    public void crash(String node, boolean powerLoss) {
        SimNode<M, R> target = node(node);
        if (!target.isUp()) {
            return;
        }
        target.core = null;
        target.disk.crash(powerLoss);
        stats.crashes++;
        trace(node, "crash" + (powerLoss ? " power-loss" : ""));
        for (var iterator = pending.entrySet().iterator(); iterator.hasNext(); ) {
            Pending waiting = iterator.next().getValue();
            if (waiting.node().equals(node)) {
                iterator.remove();
                complete(waiting, KvReply.info(KvErrors.CONNECTION_LOST));
            }
        }
    }

    /** Starts a crashed node again from what its disk kept. */
    public void restart(String node) {
        SimNode<M, R> target = node(node);
        if (target.isUp()) {
            throw new IllegalStateException(node + " is already up");
        }
        stats.restarts++;
        start(target);
    }

    private void start(SimNode<M, R> node) {
        List<R> recovered = node.disk.recover();
        CoreContext context = new CoreContext(node.id, options.nodes(), coreSeeds.split(),
                options.tickIntervalMillis() * NANOS_PER_MILLI);
        node.core = protocol.start(context, recovered);
        node.effects = new NodeEffects(node);
        trace(node.id, "start recovered=" + recovered.size());
        long interval = options.tickIntervalMillis() * NANOS_PER_MILLI;
        node.nextTickMonotonicNanos = node.clock.monotonicNanos(nowNanos) + 1 + network.nextLong(interval);
        node.tickGeneration++;
        scheduleTick(node);
    }

    public boolean isUp(String node) {
        return node(node).isUp();
    }

    // ---------------------------------------------------------------- network faults

    /** Sets what {@code node} blocks, as its agent would. */
    public void block(String node, BlockPeers blocked) {
        node(node).blocked = blocked;
        trace(node, blocked.describe());
    }

    /** Sets {@code node}'s outbound link faults, as its agent would. */
    public void linkFaults(String node, LinkFaults faults) {
        node(node).links = faults;
        trace(node, faults.describe());
    }

    /** Cuts {@code side} off from every other node, both ways (replacing earlier blocks). */
    public void partition(Collection<String> side) {
        Set<String> inside = new HashSet<>(side);
        for (String node : options.nodes()) {
            Set<String> others = new TreeSet<>();
            for (String other : options.nodes()) {
                if (inside.contains(node) != inside.contains(other)) {
                    others.add(other);
                }
            }
            block(node, BlockPeers.both(others));
        }
    }

    /** Messages from {@code from} to {@code to} are dropped; the other direction still works. */
    public void cutOneWay(String from, String to) {
        SimNode<M, R> sender = node(from);
        Set<String> outbound = new HashSet<>(sender.blocked.outboundTo());
        outbound.add(to);
        block(from, new BlockPeers(outbound, sender.blocked.inboundFrom()));
    }

    /** Clears every block and link fault on every node. */
    public void heal() {
        for (SimNode<M, R> node : nodes.values()) {
            node.blocked = BlockPeers.NONE;
            node.links = LinkFaults.NONE;
        }
        trace("*", "heal");
    }

    // ---------------------------------------------------------------- clocks

    /** Applies a clock request (bump, strobe, rate, reset) to {@code node}'s clock. */
    public void clock(String node, AgentRequest request) {
        SimNode<M, R> target = node(node);
        target.clock = target.clock.apply(request, nowNanos);
        trace(node, request.describe());
        if (target.isUp()) {
            // The tick already scheduled was timed with the old rate; time the next one anew.
            target.tickGeneration++;
            scheduleTick(target);
        }
    }

    public ClockReading clockReading(String node) {
        return node(node).clock.read(nowNanos);
    }

    // ---------------------------------------------------------------- inspection

    /** The live core of {@code node}, or null when it is down. */
    public Core<M, R> core(String node) {
        return node(node).core;
    }

    /** The live core of {@code node} as its concrete type, for invariant checks. */
    public <C extends Core<M, R>> C core(String node, Class<C> type) {
        return type.cast(node(node).core);
    }

    public NodeStatus status(String node) {
        SimNode<M, R> target = node(node);
        return target.isUp() ? target.core.status() : null;
    }

    public int unsyncedRecords(String node) {
        return node(node).disk.unsyncedCount();
    }

    public int durableRecords(String node) {
        return node(node).disk.recordCount();
    }

    public SimStats stats() {
        return stats;
    }

    /** A hash of every trace line so far: equal hashes mean (with overwhelming probability) equal runs. */
    public long traceHash() {
        return traceHash;
    }

    /** Every trace line, if {@link SimOptions#recordFullTrace()}; else only the kept tail. */
    public List<String> trace() {
        return options.recordFullTrace() ? List.copyOf(fullTrace) : List.copyOf(traceTail);
    }

    /** The last lines of the trace, for failure reports. */
    public String traceTail() {
        return String.join("\n", traceTail);
    }

    /** Appends a line to the trace, e.g. a test's or runner's own action. */
    public void trace(String node, String what) {
        String line = formatTime(nowNanos) + " " + node + " " + what;
        traceHash = traceHash * 31 + line.hashCode();
        if (options.recordFullTrace()) {
            fullTrace.add(line);
        }
        if (options.traceLinesMax() > 0) {
            if (traceTail.size() == options.traceLinesMax()) {
                traceTail.removeFirst();
            }
            traceTail.addLast(line);
        }
    }

    // ---------------------------------------------------------------- helpers

    private SimNode<M, R> node(String node) {
        SimNode<M, R> found = nodes.get(node);
        if (found == null) {
            throw new IllegalArgumentException("unknown node " + node + " (nodes: " + options.nodes() + ")");
        }
        return found;
    }

    private void scheduleTick(SimNode<M, R> node) {
        long wait = node.clock.realNanosUntil(node.nextTickMonotonicNanos, nowNanos);
        schedule(new SimEvent.Tick(nowNanos + wait, nextSequence(), node.id, node.tickGeneration));
    }

    private void schedule(SimEvent event) {
        events.add(event);
    }

    private long nextSequence() {
        return scheduled++;
    }

    private long latencyNanos() {
        long min = options.latencyMinMillis() * NANOS_PER_MILLI;
        long max = options.latencyMaxMillis() * NANOS_PER_MILLI;
        return min == max ? min : network.nextLong(min, max + 1);
    }

    private static String formatTime(long nanos) {
        long micros = nanos / 1_000;
        return String.format("%d.%03d", micros / 1_000, micros % 1_000);
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() <= TRACE_MESSAGE_CHARS_MAX ? text : text.substring(0, TRACE_MESSAGE_CHARS_MAX) + "...";
    }
}
