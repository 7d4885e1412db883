package dev.faultline.target.common.shell;

import dev.faultline.target.common.Threads;
import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.net.SocketListener;
import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client protocol's server: accepts connections, reads request frames on one thread per
 * connection, and hands each request to the core thread. A request the core thread cannot take
 * (its queue is full) is answered at once with a definite {@code fail overloaded}: it never
 * reached the protocol. A malformed frame closes the connection.
 */
final class ClientServer implements Closeable {
    /** Where requests go; false when the core's queue is full. */
    @FunctionalInterface
    interface Sink {
        boolean offer(ClientConnection connection, long correlationId, KvRequest request);
    }

    private final SocketListener listener;
    private final Sink sink;
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();

    /** Binds now, so that a port in use fails before the node starts anything. */
    ClientServer(InetSocketAddress address, Sink sink) throws IOException {
        this.sink = sink;
        this.listener = new SocketListener(address);
    }

    InetSocketAddress address() {
        return listener.address();
    }

    void start() {
        listener.start("client-accept", this::accepted);
    }

    private void accepted(Socket socket) {
        ClientConnection connection;
        try {
            connection = new ClientConnection(socket);
        } catch (IOException e) {
            return;
        }
        open.add(connection);
        if (listener.isClosed()) {
            connection.close();
        }
        Threads.start("client-" + socket.getPort(), () -> readLoop(connection));
    }

    private void readLoop(ClientConnection connection) {
        try (InputStream in = new BufferedInputStream(connection.socket().getInputStream(), 8192)) {
            while (true) {
                connection.acquire();
                byte[] payload = Frames.read(in);
                if (payload == null) {
                    return;
                }
                WireInput fields = new WireInput(payload);
                long correlationId = fields.readLong();
                KvRequest request = KvCodec.readRequest(fields);
                fields.expectEnd();
                if (!sink.offer(connection, correlationId, request)) {
                    connection.queue(correlationId, KvReply.fail(KvErrors.OVERLOADED));
                    connection.flush();
                }
            }
        } catch (IOException | WireFormatException e) {
            // The client went away or spoke garbage; its connection is finished.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(connection);
            connection.close();
        }
    }

    /** Stops accepting and drops every open connection, as a crashed server would. */
    @Override
    public void close() {
        listener.close();
        for (ClientConnection connection : open) {
            connection.close();
        }
    }
}
