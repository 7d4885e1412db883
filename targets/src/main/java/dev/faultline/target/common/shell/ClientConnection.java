package dev.faultline.target.common.shell;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.Semaphore;

/**
 * One client connection on the server side. Replies collect in a buffer and go out in one write
 * per batch ({@link #flush}), which the core thread calls after carrying out a Ready.
 *
 * <p>Backpressure: at most {@value #IN_FLIGHT_MAX} requests per connection are between arrival and
 * reply; the reader waits for a permit before reading more. So the replies a connection can owe
 * never exceed a socket buffer, and a client that stops reading cannot block the core thread.
 */
final class ClientConnection {
    static final int IN_FLIGHT_MAX = 64;

    private final Socket socket;
    private final OutputStream out;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
    private final WireOutput replies = new WireOutput(1024);
    private int buffered;

    ClientConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    void acquire() throws InterruptedException {
        inFlight.acquire();
    }

    /** Adds a reply to the next {@link #flush}. */
    synchronized void queue(long correlationId, KvReply reply) {
        int start = Frames.begin(replies);
        KvCodec.writeReply(replies, correlationId, reply);
        Frames.finish(replies, start);
        buffered++;
    }

    /** Writes the queued replies; returns false if the connection broke (it is then closed). */
    synchronized boolean flush() {
        if (buffered == 0) {
            return true;
        }
        int count = buffered;
        buffered = 0;
        try {
            out.write(replies.array(), 0, replies.size());
            return true;
        } catch (IOException e) {
            close();
            return false;
        } finally {
            replies.reset();
            inFlight.release(count);
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already broken.
        }
    }
}
