package dev.faultline.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.OpType;
import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real client against scripted nodes on loopback that speak the client protocol: outcomes
 * are kept as the protocol says, leader redirects are followed with the same request, and none
 * hides an outcome.
 */
@Timeout(30)
class KvTargetClientTest {
    private static final long TIMEOUT_NANOS = 2_000_000_000L;
    private final Map<String, ScriptedNode> nodes = new HashMap<>();

    @AfterEach
    void stopNodes() {
        nodes.values().forEach(ScriptedNode::close);
    }

    /** A node that answers each request with its script's reply, or never when the script says null. */
    private static final class ScriptedNode implements AutoCloseable {
        final ServerSocket server;
        final List<KvRequest> seen = Collections.synchronizedList(new ArrayList<>());
        private final List<Socket> connections = Collections.synchronizedList(new ArrayList<>());

        ScriptedNode(Function<KvRequest, KvReply> script) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        connections.add(socket);
                        Thread serve = new Thread(() -> serve(socket, script));
                        serve.setDaemon(true);
                        serve.start();
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket socket, Function<KvRequest, KvReply> script) {
            try (InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
                byte[] payload;
                while ((payload = Frames.read(in)) != null) {
                    WireInput request = new WireInput(payload);
                    long correlationId = request.readLong();
                    KvRequest decoded = KvCodec.readRequest(request);
                    seen.add(decoded);
                    KvReply reply = script.apply(decoded);
                    if (reply != null) {
                        WireOutput frame = new WireOutput(64);
                        int start = Frames.begin(frame);
                        KvCodec.writeReply(frame, correlationId, reply);
                        Frames.finish(frame, start);
                        out.write(frame.array(), 0, frame.size());
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // The client closed the connection.
            }
        }

        InetSocketAddress address() {
            return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        }

        @Override
        public void close() {
            try {
                server.close();
                synchronized (connections) {
                    for (Socket socket : connections) {
                        socket.close();
                    }
                }
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    private ScriptedNode node(String name, Function<KvRequest, KvReply> script) throws IOException {
        ScriptedNode node = new ScriptedNode(script);
        nodes.put(name, node);
        return node;
    }

    private Completion invoke(String boundTo, String f, Object value) {
        try (KvTargetClient client = new KvTargetClient(boundTo,
                name -> nodes.containsKey(name) ? nodes.get(name).address() : null, 1_000)) {
            return client.invoke(new Invocation(7, f, "k", value, false, TIMEOUT_NANOS));
        }
    }

    @Test
    void aNotLeaderAnswerIsFollowedToTheLeaderWithTheSameRequest() throws IOException {
        ScriptedNode follower = node("n1", request -> KvReply.notLeader("n2"));
        ScriptedNode leader = node("n2", request -> KvReply.ok(request.value()));

        Completion completion = invoke("n1", "write", 5L);

        assertThat(completion.type()).isEqualTo(OpType.OK);
        assertThat(completion.node()).isEqualTo("n2");
        assertThat(completion.meta()).containsEntry("redirects", 1L);
        assertThat(follower.seen).hasSize(1);
        assertThat(leader.seen).containsExactly(follower.seen.get(0));
        assertThat(leader.seen.get(0).clientId()).isEqualTo(7);
    }

    @Test
    void redirectsAreBoundedAndTheLastDefiniteFailureIsKept() throws IOException {
        node("n1", request -> KvReply.notLeader("n2"));
        node("n2", request -> KvReply.notLeader("n1"));
        Completion completion = invoke("n1", "write", 5L);
        assertThat(completion.type()).isEqualTo(OpType.FAIL);
        assertThat(completion.error()).isEqualTo(KvErrors.NOT_LEADER);
        assertThat(completion.meta()).containsEntry("redirects", (long) KvTargetClient.REDIRECTS_MAX);
        assertThat(nodes.get("n1").seen.size() + nodes.get("n2").seen.size()).isEqualTo(KvTargetClient.REDIRECTS_MAX + 1);
    }

    @Test
    void aHintToNoKnownNodeIsNotFollowed() throws IOException {
        node("n1", request -> KvReply.notLeader("n9"));
        Completion completion = invoke("n1", "read", null);
        assertThat(completion.type()).isEqualTo(OpType.FAIL);
        assertThat(completion.node()).isNull();
    }

    @Test
    void outcomesAreKeptAsTheProtocolSaysThem() throws IOException {
        node("n1", request -> request.op().f().equals("cas") ? KvReply.fail(KvErrors.CAS_MISMATCH)
                : request.op().f().equals("write") ? KvReply.info(KvErrors.LEADERSHIP_LOST)
                : KvReply.ok(42L, Map.of("version", 3L)));
        assertThat(invoke("n1", "cas", List.of(1L, 2L))).isEqualTo(Completion.fail(KvErrors.CAS_MISMATCH));
        assertThat(invoke("n1", "write", 1L)).isEqualTo(Completion.info(KvErrors.LEADERSHIP_LOST));
        assertThat(invoke("n1", "read", null)).isEqualTo(Completion.ok(42L).withMeta(Map.of("version", 3L)));
    }

    @Test
    void aRefusedConnectionFailsAndASilentNodeTimesOutAsInfo() throws IOException {
        InetSocketAddress nobody;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
        }
        try (KvTargetClient client = new KvTargetClient("n1", name -> nobody, 1_000)) {
            assertThat(client.invoke(new Invocation(1, "write", "k", 1L, false, TIMEOUT_NANOS)))
                    .isEqualTo(Completion.fail(KvErrors.CONNECTION_REFUSED));
        }

        node("n2", request -> null);
        try (KvTargetClient client = new KvTargetClient("n2", name -> nodes.get(name).address(), 1_000)) {
            long start = System.nanoTime();
            Completion completion = client.invoke(new Invocation(1, "write", "k", 1L, false, 300_000_000L));
            assertThat(completion).isEqualTo(Completion.info(KvErrors.TIMEOUT));
            assertThat(System.nanoTime() - start).isBetween(250_000_000L, 5_000_000_000L);
        }
    }
}
