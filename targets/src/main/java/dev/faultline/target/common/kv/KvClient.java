package dev.faultline.target.common.kv;

import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The harness's client for every target: one TCP connection to one node, one request at a time
 * (a harness worker is a single-threaded logical process). Not thread-safe.
 *
 * <p>{@link #invoke} never throws for network trouble; it turns it into the outcome the history
 * needs (DESIGN.md §3):
 *
 * <ul>
 *   <li>the connection cannot be opened, or the request cannot be written whole: {@code fail}
 *       ({@link KvErrors#CONNECTION_REFUSED}, {@link KvErrors#SEND_FAILED}): the server cannot
 *       have decoded it, since a frame is only processed once its checksum is complete;
 *   <li>sent, then no reply within the timeout, or the connection broke: {@code info}
 *       ({@link KvErrors#TIMEOUT}, {@link KvErrors#CONNECTION_LOST}). The connection is closed,
 *       so a late reply can never be taken for the next request's, and the next call reconnects.
 * </ul>
 *
 * <p>Positions: the client remembers the highest {@link KvReply#POSITION} any reply carried and
 * stamps it on every request ({@link KvRequest#seenPosition()}), so a server behind what the
 * client has seen refuses to serve it. A caller that moves a logical client to another node
 * carries the position over with {@link #seenAtLeast}.
 *
 * <p>Cost: one write and usually one read system call per request; no threads of its own.
 */
public final class KvClient implements Closeable {
    private final InetSocketAddress node;
    private final int connectTimeoutMillis;
    private final WireOutput frame = new WireOutput(256);
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private long nextCorrelationId = 1;
    private long seenPosition = KvRequest.NO_POSITION;

    public KvClient(InetSocketAddress node, int connectTimeoutMillis) {
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeoutMillis must be positive, was " + connectTimeoutMillis);
        }
        this.node = node;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public InetSocketAddress node() {
        return node;
    }

    /** The highest position seen in a reply (or carried over), {@link KvRequest#NO_POSITION} if none. */
    public long seenPosition() {
        return seenPosition;
    }

    /** Raises the seen position to at least {@code position}, e.g. what this logical client saw on another node. */
    public void seenAtLeast(long position) {
        seenPosition = Math.max(seenPosition, position);
    }

    /**
     * Sends one request and waits up to {@code timeoutMillis} for its reply.
     *
     * @return the server's reply, or a client-decided fail/info reply (see the class comment)
     */
    public KvReply invoke(KvRequest request, long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, was " + timeoutMillis);
        }
        if (socket == null && !connect()) {
            return KvReply.fail(KvErrors.CONNECTION_REFUSED);
        }
        long correlationId = nextCorrelationId++;
        KvRequest stamped = request.seenPosition() >= seenPosition ? request : request.withSeenPosition(seenPosition);
        frame.reset();
        int start = Frames.begin(frame);
        KvCodec.writeRequest(frame, correlationId, stamped);
        Frames.finish(frame, start);
        try {
            out.write(frame.array(), 0, frame.size());
        } catch (IOException e) {
            close();
            return KvReply.fail(KvErrors.SEND_FAILED);
        }
        return awaitReply(correlationId, System.nanoTime() + timeoutMillis * 1_000_000L);
    }

    private KvReply awaitReply(long correlationId, long deadlineNanos) {
        try {
            while (true) {
                long remainingMillis = (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000;
                if (remainingMillis <= 0) {
                    close();
                    return KvReply.info(KvErrors.TIMEOUT);
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
                byte[] payload = Frames.read(in);
                if (payload == null) {
                    close();
                    return KvReply.info(KvErrors.CONNECTION_LOST);
                }
                WireInput reply = new WireInput(payload);
                if (reply.readLong() == correlationId) {
                    KvReply decoded = KvCodec.readReply(reply);
                    reply.expectEnd();
                    seenAtLeast(decoded.position());
                    return decoded;
                }
            }
        } catch (SocketTimeoutException e) {
            close();
            return KvReply.info(KvErrors.TIMEOUT);
        } catch (IOException | WireFormatException e) {
            close();
            return KvReply.info(KvErrors.CONNECTION_LOST);
        }
    }

    private boolean connect() {
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.connect(node, connectTimeoutMillis);
            socket = fresh;
            out = fresh.getOutputStream();
            in = new BufferedInputStream(fresh.getInputStream(), 8192);
            return true;
        } catch (IOException e) {
            closeQuietly(fresh);
            return false;
        }
    }

    /** Closes the connection; the next {@link #invoke} opens a new one. */
    @Override
    public void close() {
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
            out = null;
            in = null;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a broken connection has nothing left to report.
        }
    }
}
