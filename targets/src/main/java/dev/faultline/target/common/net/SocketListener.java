package dev.faultline.target.common.net;

import dev.faultline.target.common.Threads;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * A bound server socket and its accept loop, shared by the peer transport, the client server and
 * the agent. Binding happens in the constructor, so a port in use fails before a node starts
 * anything; accepting starts with {@link #start}.
 */
public final class SocketListener implements Closeable {
    private final ServerSocket socket;
    private volatile boolean closed;

    public SocketListener(InetSocketAddress address) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Accepts connections on a thread named {@code threadName} until closed; each goes to {@code onAccept}. */
    public void start(String threadName, Consumer<Socket> onAccept) {
        Threads.start(threadName, () -> {
            while (!closed) {
                try {
                    Socket accepted = socket.accept();
                    accepted.setTcpNoDelay(true);
                    onAccept.accept(accepted);
                } catch (IOException e) {
                    // Closed, or one failed accept; the loop condition decides.
                }
            }
        });
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
