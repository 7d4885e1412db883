package dev.faultline.nemesis.agent;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * The controller's side of the agent protocol: one connection to one node's agent, opened on first
 * use and reopened after a failure. Thread-safe (calls are serialised).
 *
 * <p>An {@link IOException} means the outcome is unknown (the node may have applied the fault
 * before the connection broke; re-sending is safe because requests replace state, except
 * {@link ClockBump}); an {@link AgentRefusedException} means nothing was applied.
 */
public final class AgentClient implements Closeable {
    private final InetSocketAddress agent;
    private final String token;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private BufferedReader in;

    /**
     * @param agent the node's agent endpoint (always on 127.0.0.1 for local nodes)
     * @param token the run's agent token
     * @param timeoutMillis how long to wait to connect and for each response
     */
    public AgentClient(InetSocketAddress agent, String token, int timeoutMillis) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.token = Objects.requireNonNull(token, "token");
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, was " + timeoutMillis);
        }
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one request and returns the response, whether it was accepted or refused. */
    public synchronized AgentResponse call(AgentRequest request) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            byte[] line = (AgentCodec.writeCall(new AgentCall(token, request)) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
            String response = AgentCodec.readLine(in);
            if (response == null) {
                throw new IOException("agent " + agent + " closed the connection");
            }
            return AgentCodec.readResponse(response);
        } catch (IOException | IllegalArgumentException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Applies a request and returns the agent's description of what it applied.
     *
     * @throws AgentRefusedException when the agent refused it
     */
    public String apply(AgentRequest request) throws IOException {
        AgentResponse response = call(request);
        if (!response.ok()) {
            throw new AgentRefusedException("agent " + agent + " refused " + request.describe() + ": " + response.message());
        }
        return response.message();
    }

    public NodeReport status() throws IOException {
        AgentResponse response = call(new StatusRequest());
        if (!response.ok() || response.report() == null) {
            throw new AgentRefusedException("agent " + agent + " refused status: " + response.message());
        }
        return response.report();
    }

    public String blockPeers(Set<String> outboundTo, Set<String> inboundFrom) throws IOException {
        return apply(new BlockPeers(outboundTo, inboundFrom));
    }

    public String linkFaults(LinkFaults faults) throws IOException {
        return apply(faults);
    }

    public String heal() throws IOException {
        return apply(new Heal());
    }

    public String clockBump(long deltaMillis) throws IOException {
        return apply(new ClockBump(deltaMillis));
    }

    public String clockStrobe(long deltaMillis, long periodMillis, long durationMillis) throws IOException {
        return apply(new ClockStrobe(deltaMillis, periodMillis, durationMillis));
    }

    public String clockRate(double rate) throws IOException {
        return apply(new ClockRate(rate));
    }

    public String clockReset() throws IOException {
        return apply(new ClockReset());
    }

    public String powerLoss(boolean enabled) throws IOException {
        return apply(new PowerLoss(enabled));
    }

    private void connect() throws IOException {
        Socket fresh = new Socket();
        try {
            fresh.connect(agent, timeoutMillis);
            fresh.setSoTimeout(timeoutMillis);
            fresh.setTcpNoDelay(true);
            out = fresh.getOutputStream();
            in = new BufferedReader(new InputStreamReader(fresh.getInputStream(), StandardCharsets.UTF_8));
            socket = fresh;
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do about a connection that fails to close.
            }
            socket = null;
            out = null;
            in = null;
        }
    }
}
