package dev.faultline.target.common.shell;

import dev.faultline.nemesis.agent.AgentCall;
import dev.faultline.nemesis.agent.AgentCodec;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.AgentResponse;
import dev.faultline.target.common.Threads;
import dev.faultline.target.common.net.SocketListener;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node side of the agent protocol ({@link dev.faultline.nemesis.agent}): listens on
 * {@code 127.0.0.1} (or, for a node in a network namespace of its own, on the node's address on the
 * controller's private bridge), reads one JSON request per line, and answers each with one line. Every
 * call must carry the run's token; a call without it, or with another, is refused before anything
 * else is looked at (compared in constant time, so the token cannot be guessed byte by byte).
 */
public final class AgentServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

    private final SocketListener listener;
    private final byte[] token;
    private final Function<AgentRequest, AgentResponse> handler;

    /**
     * Binds {@code address} now (port 0 picks a free port).
     *
     * @param handler applies an accepted request; an {@link IllegalArgumentException} it throws
     *     becomes a refusal with its message
     */
    public AgentServer(InetSocketAddress address, String token, Function<AgentRequest, AgentResponse> handler) throws IOException {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the agent token must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.handler = handler;
        this.listener = new SocketListener(address);
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    public void start() {
        listener.start("agent-accept", socket -> Threads.start("agent-" + socket.getPort(), () -> serve(socket)));
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            String line;
            while ((line = AgentCodec.readLine(in)) != null) {
                AgentResponse response = answer(line);
                out.write((AgentCodec.writeResponse(response) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // The controller went away; nothing to answer.
        }
    }

    /** One request line to one response; public for tests of the token rule without sockets. */
    public AgentResponse answer(String line) {
        AgentCall call;
        try {
            call = AgentCodec.readCall(line);
        } catch (IllegalArgumentException e) {
            // Token unknown yet: say only that the line is unreadable.
            LOG.warn("event=agent-refused reason=unreadable");
            return AgentResponse.refused("unreadable request: " + e.getMessage());
        }
        if (call.token() == null || !MessageDigest.isEqual(token, call.token().getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("event=agent-refused reason=bad-token request={}", call.request().describe());
            return AgentResponse.refused("bad token");
        }
        try {
            return handler.apply(call.request());
        } catch (IllegalArgumentException e) {
            LOG.warn("event=agent-refused reason=invalid request={} error={}", call.request().describe(), e.getMessage());
            return AgentResponse.refused(e.getMessage());
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
