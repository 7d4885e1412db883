package dev.faultline.target.common.net;

import dev.faultline.nemesis.agent.PeerCounters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One peer's side of the transport: a bounded queue of framed messages and the connection they go
 * out on. Its writer thread takes frames from the queue and writes them; a frame that meets a
 * broken connection is dropped, like a packet, and the link waits for the next connection (which
 * the transport dials or accepts). A full queue drops the new frame: the protocols tolerate loss,
 * and a stalled peer must not stall this node.
 */
final class PeerLink {
    final String peer;
    private final BlockingQueue<byte[]> outbox;
    private final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong droppedByFaults = new AtomicLong();
    private final AtomicLong droppedOverflow = new AtomicLong();
    private Socket connection;

    PeerLink(String peer, int queueCapacity) {
        this.peer = peer;
        this.outbox = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Queues one frame; false (and counted) when the queue is full. */
    boolean enqueue(byte[] frame) {
        if (outbox.offer(frame)) {
            return true;
        }
        droppedOverflow.incrementAndGet();
        return false;
    }

    /** Makes {@code socket} the link's connection, closing the one it replaces. */
    synchronized void install(Socket socket) {
        Socket old = connection;
        connection = socket;
        closeQuietly(old);
        notifyAll();
    }

    /** Closes {@code socket} if it is still the link's connection. */
    synchronized void drop(Socket socket) {
        if (connection == socket) {
            connection = null;
        }
        closeQuietly(socket);
    }

    synchronized Socket connection() {
        return connection;
    }

    /** Waits up to {@code timeoutMillis} for a connection; null if there is none by then. */
    synchronized Socket awaitConnection(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (connection == null) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return connection;
    }

    /** Takes the next frame, waiting up to {@code timeoutMillis}. */
    byte[] next(long timeoutMillis) throws InterruptedException {
        return outbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Writes one frame; on failure drops the connection (and the frame). */
    void write(Socket socket, byte[] frame) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(frame);
            sent.incrementAndGet();
        } catch (IOException e) {
            drop(socket);
        }
    }

    PeerCounters counters() {
        return new PeerCounters(connection() != null, sent.get(), received.get(), droppedByFaults.get(),
                droppedOverflow.get());
    }

    synchronized void close() {
        closeQuietly(connection);
        connection = null;
        notifyAll();
    }

    static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // A connection that will not close is gone either way.
            }
        }
    }
}
