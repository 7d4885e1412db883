package dev.faultline.target.common.shell;

import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.AgentResponse;
import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.Heal;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.nemesis.agent.NodeReport;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.nemesis.agent.PowerLoss;
import dev.faultline.nemesis.agent.StatusRequest;
import dev.faultline.target.common.Threads;
import dev.faultline.target.common.clock.NodeClock;
import dev.faultline.target.common.clock.TimeSource;
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
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.net.PeerTransport;
import dev.faultline.target.common.wal.DurableLog;
import dev.faultline.target.common.wal.SlowDisk;
import dev.faultline.target.common.wire.WireFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Core} on real I/O: the peer transport, the client protocol server, the agent, the
 * write-ahead log and the node clock (DESIGN.md §5).
 *
 * <p><b>Event loop.</b> One thread owns the core and the log. Transport readers, client readers
 * and the agent hand it inputs through one bounded queue; it waits for the next input or the next
 * tick of the node clock (whose rate the agent may change), takes up to {@value #BATCH_MAX} inputs
 * at once, ticks if due, then takes the core's {@link Ready} and carries it out
 * ({@link Ready#carryOut}): send, persist (fsync when {@code mustSync}), send the after-persistence
 * messages, reply, log the core's events, one line each. Batching inputs makes one fsync cover
 * many requests (group commit).
 *
 * <p><b>Failure.</b> A core that throws, or a log that cannot be written, is fatal: the node logs
 * why and stops (the {@code onFatal} callback), as a crashed server would; it never carries on with
 * state it cannot trust.
 */
public final class NodeShell<M, R> implements Closeable {
    static final int BATCH_MAX = 1_024;
    private static final long TASK_TIMEOUT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(NodeShell.class);

    private final NodeConfig config;
    private final Protocol<M, R> protocol;
    private final NodeClock clock;
    private final DurableLog<R> log;
    /** Touched only on the core thread, which owns the log. */
    private final SlowDisk slowDisk;
    private final Core<M, R> core;
    private final BlockingQueue<ShellInput<M>> inputs;
    private final PeerTransport transport;
    private final ClientServer clients;
    private final AgentServer agent;
    private final Consumer<Throwable> onFatal;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<Long, PendingReply> pendingReplies = new HashMap<>();
    private final Set<ClientConnection> touched = new LinkedHashSet<>();
    private final ShellEffects effects = new ShellEffects();
    private volatile NodeStatus status;
    private volatile boolean running = true;
    private long nextRequestId = 1;

    /** Where a request's reply goes. */
    private record PendingReply(ClientConnection connection, long correlationId) {}

    private NodeShell(NodeConfig config, Protocol<M, R> protocol, TimeSource host, Consumer<Throwable> onFatal)
            throws IOException {
        this.config = config;
        this.protocol = protocol;
        this.onFatal = onFatal;
        this.clock = new NodeClock(host);
        this.inputs = new ArrayBlockingQueue<>(config.inputQueueCapacity());
        SplittableRandom random = new SplittableRandom(config.seed());
        DurableLog.Opened<R> opened = DurableLog.open(config.dataDir(), protocol.recordCodec());
        this.log = opened.log();
        LOG.info("event=recovered records={} droppedBytes={} dir={}", opened.recovered().size(), opened.droppedBytes(),
                config.dataDir());
        List<String> nodes = new ArrayList<>(config.peers().keySet());
        this.core = protocol.start(new CoreContext(config.nodeId(), nodes, random.split(),
                config.tickIntervalMillis() * 1_000_000L), opened.recovered());
        this.status = core.status();
        List<Closeable> bound = new ArrayList<>();
        try {
            this.transport = bind(bound, "peer port", config.peers().get(config.nodeId()).getPort(),
                    () -> new PeerTransport(config.nodeId(), config.peers(), this::offerPeer, random.split(),
                            config.linkQueueCapacity()));
            this.clients = bind(bound, "client port", config.clientPort(),
                    () -> new ClientServer(new InetSocketAddress(config.clientHost(), config.clientPort()), this::offerRequest));
            this.agent = bind(bound, "agent port", config.agentPort(),
                    () -> new AgentServer(new InetSocketAddress(config.agentHost(), config.agentPort()), config.agentToken(), this::handleAgent));
        } catch (IOException | RuntimeException e) {
            for (Closeable closeable : bound) {
                closeable.close();
            }
            log.close();
            throw e;
        }
        // Split last, so that the core's and the transport's draws stay what they were before disk faults existed.
        this.slowDisk = new SlowDisk(random.split());
        log.setSlowDisk(slowDisk);
    }

    /** Something that binds a port. */
    private interface Binder<T> {
        T bind() throws IOException;
    }

    private static <T extends Closeable> T bind(List<Closeable> bound, String what, int port, Binder<T> binder)
            throws IOException {
        try {
            T server = binder.bind();
            bound.add(server);
            return server;
        } catch (BindException e) {
            throw new PortInUseException("the " + what + " " + port + " is already in use (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Recovers the log, starts the core, binds every port and starts every thread.
     *
     * @param onFatal called once if the core or the log fails; the shell has stopped by then
     * @throws PortInUseException when a port is taken
     * @throws IOException when the data directory cannot be used
     */
    public static <M, R> NodeShell<M, R> start(NodeConfig config, Protocol<M, R> protocol, Consumer<Throwable> onFatal)
            throws IOException {
        NodeShell<M, R> shell = new NodeShell<>(config, protocol, TimeSource.SYSTEM, onFatal);
        shell.transport.start();
        shell.clients.start();
        shell.agent.start();
        Threads.start("core-" + config.nodeId(), shell::loop);
        LOG.info("event=started node={} target={} peer={} client={} agent={} tickMillis={} seed={}", config.nodeId(),
                config.target(), NodeConfig.hostPort(shell.transport.address()), NodeConfig.hostPort(shell.clients.address()),
                NodeConfig.hostPort(shell.agent.address()),
                config.tickIntervalMillis(), config.seed());
        return shell;
    }

    public InetSocketAddress clientAddress() {
        return clients.address();
    }

    public InetSocketAddress agentAddress() {
        return agent.address();
    }

    public InetSocketAddress peerAddress() {
        return transport.address();
    }

    // ---------------------------------------------------------------- inputs from other threads

    private void offerPeer(String from, byte[] payload) {
        M message;
        try {
            message = protocol.messageCodec().fromBytes(payload);
        } catch (WireFormatException e) {
            LOG.warn("event=peer-message-undecodable from={} error={}", from, e.getMessage());
            return;
        }
        // A full queue drops the message: the protocols tolerate loss, and peers must not block clients.
        inputs.offer(new ShellInput.Peer<>(from, message));
    }

    private boolean offerRequest(ClientConnection connection, long correlationId, KvRequest request) {
        return inputs.offer(new ShellInput.Request<>(connection, correlationId, request));
    }

    /** Runs {@code action} on the core thread and waits for it. */
    private void onCoreThread(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ShellInput.Task<M> task = new ShellInput.Task<>(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            if (!inputs.offer(task, TASK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the core thread is not taking input");
            }
            done.get(TASK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the core thread did not answer within " + TASK_TIMEOUT_MILLIS + " ms");
        }
    }

    // ---------------------------------------------------------------- the core thread

    private void loop() {
        long tickNanos = config.tickIntervalMillis() * 1_000_000L;
        long nextTick = clock.read().monotonicNanos() + tickNanos;
        try {
            while (running) {
                ShellInput<M> input = inputs.poll(clock.realNanosUntil(nextTick), TimeUnit.NANOSECONDS);
                for (int taken = 0; input != null && taken < BATCH_MAX; taken++) {
                    handle(input);
                    input = taken + 1 < BATCH_MAX ? inputs.poll() : null;
                }
                ClockReading now = clock.read();
                if (now.monotonicNanos() >= nextTick) {
                    core.tick(now);
                    // A late loop (a long fsync, a pause) skips the missed ticks rather than bursting them.
                    nextTick = Math.max(nextTick + tickNanos, now.monotonicNanos() + 1);
                }
                carryOut(core.ready());
                status = core.status();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("event=fatal node={} error={}", config.nodeId(), e.toString(), e);
            running = false;
            closePorts();
            closeLog();
            onFatal.accept(e);
        } finally {
            stopped.countDown();
        }
    }

    private void handle(ShellInput<M> input) {
        if (input instanceof ShellInput.Peer<M> peer) {
            core.receive(clock.read(), peer.from(), peer.message());
        } else if (input instanceof ShellInput.Request<M> request) {
            long requestId = nextRequestId++;
            pendingReplies.put(requestId, new PendingReply(request.connection(), request.correlationId()));
            core.request(clock.read(), new ClientRequest(requestId, request.request()));
        } else if (input instanceof ShellInput.Task<M> task) {
            task.action().run();
        }
    }

    private void carryOut(Ready<M, R> ready) throws IOException {
        if (ready.isEmpty()) {
            return;
        }
        ready.carryOut(effects);
        for (ClientConnection connection : touched) {
            connection.flush();
        }
        touched.clear();
    }

    /** The shell's {@link Effects}: real sockets and the real log. */
    private final class ShellEffects implements Effects<M, R> {
        @Override
        public void send(Envelope<M> envelope) {
            transport.send(envelope.to(), protocol.messageCodec().toBytes(envelope.message()));
        }

        @Override
        public void persist(R snapshot, List<R> records, boolean mustSync) throws IOException {
            log.persist(snapshot, records, mustSync);
        }

        @Override
        public void reply(ClientReply reply) {
            PendingReply pending = pendingReplies.remove(reply.requestId());
            if (pending == null) {
                throw new IllegalStateException("the core answered unknown request " + reply.requestId());
            }
            pending.connection().queue(pending.correlationId(), reply.reply());
            touched.add(pending.connection());
        }

        @Override
        public void event(CoreEvent event) {
            LOG.info("{}", event);
        }
    }

    // ---------------------------------------------------------------- the agent

    private AgentResponse handleAgent(AgentRequest request) {
        if (request instanceof StatusRequest) {
            return AgentResponse.status(report());
        }
        if (request instanceof BlockPeers blocked) {
            transport.setBlocked(blocked);
        } else if (request instanceof LinkFaults faults) {
            transport.setLinkFaults(faults);
        } else if (request instanceof Heal) {
            transport.setBlocked(BlockPeers.NONE);
            transport.setLinkFaults(LinkFaults.NONE);
        } else if (request instanceof ClockBump || request instanceof ClockStrobe || request instanceof ClockRate
                || request instanceof ClockReset) {
            clock.apply(request);
        } else if (request instanceof PowerLoss powerLoss) {
            onCoreThread(() -> setPowerLoss(powerLoss.enabled()));
        } else if (request instanceof DiskFaults disk) {
            onCoreThread(() -> slowDisk.set(disk));
        }
        LOG.info("event=fault-applied node={} fault=\"{}\"", config.nodeId(), request.describe());
        return AgentResponse.applied(request.describe());
    }

    private void setPowerLoss(boolean enabled) {
        try {
            log.setPowerLoss(enabled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the agent reports: the core's last published status and every fault in force. */
    public NodeReport report() {
        return new NodeReport(config.nodeId(), config.target(), status, transport.blocked(), transport.linkFaults(),
                clock.status(), log.powerLoss(), transport.counters());
    }

    // ---------------------------------------------------------------- stopping

    /** Stops every thread and closes every port and the log (without syncing: like a crash). */
    @Override
    public void close() {
        running = false;
        closePorts();
        try {
            // The loop notices within one tick; the log is closed only once it no longer writes.
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeLog();
    }

    private void closePorts() {
        agent.close();
        clients.close();
        transport.close();
    }

    private void closeLog() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("event=log-close-failed error={}", e.toString());
        }
    }
}
