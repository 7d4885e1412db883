package dev.faultline.target.common.net;

import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.nemesis.agent.PeerCounters;
import dev.faultline.target.common.Threads;
import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer transport: one TCP connection per pair of nodes, framed messages, and the agent's link
 * faults applied inside (the build machine has no {@code tc netem}).
 *
 * <p><b>Who dials.</b> Of two nodes, the one whose id sorts first dials the other and opens with
 * a hello frame ({@code "faultline-peer/1", from, to}); the other accepts. Both then send and
 * receive on that one connection. A dialer that loses its connection redials with exponential
 * backoff from {@value #BACKOFF_MIN_MILLIS} ms up to {@value #BACKOFF_MAX_MILLIS} ms.
 *
 * <p><b>Faults.</b> {@link #send} drops messages to peers in {@link BlockPeers#outboundTo()}, and so
 * does the writer for a message that waited (for its delay or for a connection) while the link was cut; the
 * reader drops messages from peers in {@link BlockPeers#inboundFrom()}; {@link LinkFaults} are
 * decided per message by {@link LinkFaultDecider} with this node's seeded random, and delayed
 * copies wait on one scheduler thread before they join the link's queue. Every drop is counted.
 *
 * <p><b>Threads.</b> {@link #send} is called by the core thread only (it owns the random). Each
 * link has a writer thread, each connection a reader thread; one thread accepts.
 */
public final class PeerTransport implements Closeable {
    static final long BACKOFF_MIN_MILLIS = 20;
    static final long BACKOFF_MAX_MILLIS = 1_000;
    private static final String HELLO = "faultline-peer/1";
    private static final int HELLO_TIMEOUT_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);

    /** Where received messages go: called on a reader thread. */
    @FunctionalInterface
    public interface Receiver {
        void receive(String from, byte[] payload);
    }

    private final String self;
    private final Map<String, InetSocketAddress> addresses;
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    private final Receiver receiver;
    private final RandomGenerator random;
    private final SocketListener listener;
    private final ScheduledExecutorService delayer;
    private final WireOutput frame = new WireOutput(256);
    private volatile BlockPeers blocked = BlockPeers.NONE;
    private volatile LinkFaults faults = LinkFaults.NONE;
    private volatile boolean closed;

    /**
     * Binds this node's peer address (so a port in use fails here, before anything starts).
     *
     * @param nodes every node's peer address, this one's included
     * @param queueCapacity frames each link may hold before it drops
     */
    public PeerTransport(String self, Map<String, InetSocketAddress> nodes, Receiver receiver, RandomGenerator random,
            int queueCapacity) throws IOException {
        this.self = self;
        this.addresses = Map.copyOf(nodes);
        this.receiver = receiver;
        this.random = random;
        for (String node : nodes.keySet()) {
            if (!node.equals(self)) {
                links.put(node, new PeerLink(node, queueCapacity));
            }
        }
        this.listener = new SocketListener(nodes.get(self));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                runnable -> Threads.daemon("peer-delay", runnable));
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.delayer = scheduler;
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    /** Starts accepting, dialing and writing. */
    public void start() {
        listener.start("peer-accept", this::accepted);
        for (PeerLink link : links.values()) {
            boolean dials = self.compareTo(link.peer) < 0;
            Threads.start("peer-write-" + link.peer, () -> writeLoop(link, dials));
        }
    }

    /** Sends one message payload to {@code to}, subject to the faults in force. Core thread only. */
    public void send(String to, byte[] payload) {
        PeerLink link = links.get(to);
        if (link == null) {
            throw new IllegalArgumentException("unknown peer " + to);
        }
        if (blocked.outboundTo().contains(to)) {
            link.droppedByFaults.incrementAndGet();
            return;
        }
        frame.reset();
        int start = Frames.begin(frame);
        frame.writeRaw(payload, 0, payload.length);
        Frames.finish(frame, start);
        byte[] framed = frame.toByteArray();
        LinkFaults current = faults;
        if (!current.affects(to) || current.isNone()) {
            link.enqueue(framed);
            return;
        }
        long[] delays = LinkFaultDecider.decide(current, random);
        if (delays.length == 0) {
            link.droppedByFaults.incrementAndGet();
        }
        for (long delay : delays) {
            if (delay == 0) {
                link.enqueue(framed);
            } else if (!closed) {
                delayer.schedule(() -> link.enqueue(framed), delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    public void setBlocked(BlockPeers newBlocked) {
        requireKnown(newBlocked.outboundTo());
        requireKnown(newBlocked.inboundFrom());
        blocked = newBlocked;
    }

    public void setLinkFaults(LinkFaults newFaults) {
        requireKnown(newFaults.peers());
        faults = newFaults;
    }

    public BlockPeers blocked() {
        return blocked;
    }

    public LinkFaults linkFaults() {
        return faults;
    }

    private void requireKnown(Set<String> peers) {
        for (String peer : peers) {
            if (!links.containsKey(peer)) {
                throw new IllegalArgumentException("unknown peer " + peer + " (peers: " + links.keySet() + ")");
            }
        }
    }

    public Map<String, PeerCounters> counters() {
        Map<String, PeerCounters> counters = new LinkedHashMap<>();
        links.forEach((peer, link) -> counters.put(peer, link.counters()));
        return counters;
    }

    // ---------------------------------------------------------------- connections

    private void writeLoop(PeerLink link, boolean dials) {
        long backoffMillis = BACKOFF_MIN_MILLIS;
        while (!closed) {
            try {
                Socket socket = link.connection();
                if (socket == null && dials) {
                    socket = dial(link);
                    if (socket == null) {
                        Thread.sleep(backoffMillis);
                        backoffMillis = Math.min(BACKOFF_MAX_MILLIS, backoffMillis * 2);
                        continue;
                    }
                    backoffMillis = BACKOFF_MIN_MILLIS;
                } else if (socket == null) {
                    link.awaitConnection(BACKOFF_MAX_MILLIS);
                    continue;
                }
                byte[] next = link.next(BACKOFF_MAX_MILLIS);
                if (next != null && blocked.outboundTo().contains(link.peer)) {
                    // Held back by a delay or a lost connection, it would cross a link cut since: lost, like a packet.
                    link.droppedByFaults.incrementAndGet();
                } else if (next != null) {
                    link.write(socket, next);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Socket dial(PeerLink link) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(addresses.get(link.peer), HELLO_TIMEOUT_MILLIS);
            WireOutput hello = new WireOutput(64);
            int start = Frames.begin(hello);
            hello.writeString(HELLO).writeString(self).writeString(link.peer);
            Frames.finish(hello, start);
            socket.getOutputStream().write(hello.array(), 0, hello.size());
            link.install(socket);
            startReader(link, socket);
            LOG.info("event=peer-connected peer={} dialed=true", link.peer);
            return socket;
        } catch (IOException e) {
            PeerLink.closeQuietly(socket);
            return null;
        }
    }

    /** Reads the dialer's hello and, if it names a known peer that should dial us, installs the connection. */
    private void accepted(Socket socket) {
        try {
            socket.setSoTimeout(HELLO_TIMEOUT_MILLIS);
            WireInput hello = new WireInput(readHello(socket));
            String magic = hello.readString();
            String from = hello.readString();
            String to = hello.readString();
            PeerLink link = links.get(from);
            if (!HELLO.equals(magic) || !self.equals(to) || link == null || from.compareTo(self) >= 0) {
                LOG.warn("event=peer-rejected magic={} from={} to={}", magic, from, to);
                PeerLink.closeQuietly(socket);
                return;
            }
            socket.setSoTimeout(0);
            link.install(socket);
            startReader(link, socket);
            LOG.info("event=peer-connected peer={} dialed=false", from);
        } catch (IOException | WireFormatException e) {
            PeerLink.closeQuietly(socket);
        }
    }

    private static byte[] readHello(Socket socket) throws IOException {
        byte[] hello = Frames.read(socket.getInputStream());
        if (hello == null) {
            throw new IOException("closed before hello");
        }
        return hello;
    }

    private void startReader(PeerLink link, Socket socket) {
        Threads.start("peer-read-" + link.peer, () -> readLoop(link, socket));
    }

    private void readLoop(PeerLink link, Socket socket) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            byte[] payload;
            while ((payload = Frames.read(in)) != null) {
                if (blocked.inboundFrom().contains(link.peer)) {
                    link.droppedByFaults.incrementAndGet();
                    continue;
                }
                link.received.incrementAndGet();
                receiver.receive(link.peer, payload);
            }
        } catch (IOException | WireFormatException e) {
            // The connection broke or sent garbage; either way it is finished.
        } finally {
            link.drop(socket);
            if (!closed) {
                LOG.info("event=peer-disconnected peer={}", link.peer);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        delayer.shutdownNow();
        listener.close();
        links.values().forEach(PeerLink::close);
    }
}
