package dev.faultline.harness.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 for the connections one server opens to one port of another (after
 * Toxiproxy): every accepted connection is joined to the destination port, and its bytes are
 * forwarded under the {@link LinkDirection} they travel: {@code outbound} from the server that
 * dialled, {@code inbound} back to it. A cut direction holds its bytes; one end closing closes the
 * other once the bytes before it are through.
 */
final class LinkProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkProxy.class);
    private static final int CHUNK_BYTES_MAX = 64 * 1024;
    /** Chunks read but not yet forwarded, per direction of a connection: beyond this, TCP pushes back. */
    private static final int QUEUE_CHUNKS_MAX = 16;

    private final String name;
    private final ServerSocket listener;
    private final int destinationPort;
    private final LinkDirection outbound;
    private final LinkDirection inbound;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Binds a free port; {@link #start} begins accepting. */
    LinkProxy(String name, int destinationPort, LinkDirection outbound, LinkDirection inbound) throws IOException {
        this.name = name;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.destinationPort = destinationPort;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    int port() {
        return listener.getLocalPort();
    }

    void start() {
        daemon("accept", this::acceptLoop).start();
    }

    /** The connections open through this proxy now. */
    int openConnections() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket source;
            try {
                source = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("proxy {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
            Connection connection = new Connection(source, new Socket());
            connections.add(connection);
            try {
                source.setTcpNoDelay(true);
                connection.destination.setTcpNoDelay(true);
                connection.destination.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), destinationPort), 5_000);
            } catch (IOException e) {
                // The destination is down (killed): the dialler sees its connection close, as after a refused connect.
                connection.close();
                continue;
            }
            connection.pump(source, connection.destination, outbound, "out");
            connection.pump(connection.destination, source, inbound, "in");
        }
    }

    /** One proxied connection: its two sockets and the four threads that pump its two directions. */
    private final class Connection {
        private final Socket source;
        private final Socket destination;
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger directionsEnded = new AtomicInteger();

        Connection(Socket source, Socket destination) {
            this.source = source;
            this.destination = destination;
        }

        /** Forwards {@code from} to {@code to}: a reader that stamps each chunk, a writer that delivers it when due. */
        void pump(Socket from, Socket to, LinkDirection direction, String label) {
            BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(QUEUE_CHUNKS_MAX);
            start(label + "-read", () -> {
                try (InputStream in = from.getInputStream()) {
                    byte[] buffer = new byte[CHUNK_BYTES_MAX];
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        chunks.put(new Chunk(Arrays.copyOf(buffer, read), direction.dueNanos(System.nanoTime())));
                    }
                    chunks.put(new Chunk(null, direction.dueNanos(System.nanoTime())));
                } catch (IOException | InterruptedException e) {
                    close(); // Reset by a peer, or closed here: the connection is over in both directions.
                }
            });
            start(label + "-write", () -> {
                try {
                    OutputStream out = to.getOutputStream();
                    for (Chunk chunk = chunks.take(); ; chunk = chunks.take()) {
                        direction.awaitOpen();
                        long waitNanos = chunk.dueNanos() - System.nanoTime();
                        if (waitNanos > 0) {
                            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                        }
                        direction.awaitOpen(); // A cut that started during the delay holds the chunk too.
                        if (chunk.bytes() == null) {
                            break;
                        }
                        out.write(chunk.bytes());
                    }
                    to.shutdownOutput();
                    if (directionsEnded.incrementAndGet() == 2) {
                        close();
                    }
                } catch (IOException | InterruptedException e) {
                    close();
                }
            });
        }

        private void start(String label, Runnable body) {
            Thread thread = daemon(label, body);
            threads.add(thread);
            thread.start();
        }

        /** Closes both sockets and stops the pumps (a reader may wait on a full queue behind a cut). */
        void close() {
            closeQuietly(source);
            closeQuietly(destination);
            connections.remove(this);
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.interrupt();
                }
            }
        }
    }

    /** Bytes read from one end, or null for its end of stream, with the time they may be delivered. */
    private record Chunk(byte[] bytes, long dueNanos) {}

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we want; a socket that fails to close is closed anyway.
        }
    }

    private Thread daemon(String label, Runnable body) {
        Thread thread = new Thread(body, "faultline-proxy-" + name + "-" + label);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops accepting and closes every connection; the pumps end with their sockets. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
