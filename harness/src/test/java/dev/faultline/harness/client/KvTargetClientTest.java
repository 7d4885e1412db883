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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Map<String, ScriptedNode> nodes = new TreeMap<>();

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
        return invoke(boundTo, f, value, true);
    }

    private Completion invoke(String boundTo, String f, Object value, boolean clientSessions) {
        try (KvTargetClient client = new KvTargetClient(boundTo, List.copyOf(nodes.keySet()),
                name -> nodes.containsKey(name) ? nodes.get(name).address() : null, 1_000, clientSessions)) {
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
        Completion write = invoke("n1", "write", 1L);
        assertThat(write.type()).isEqualTo(OpType.INFO);
        assertThat(write.error()).isEqualTo(KvErrors.LEADERSHIP_LOST);
        assertThat(invoke("n1", "read", null)).isEqualTo(Completion.ok(42L).withMeta(Map.of("version", 3L)));
    }

    private KvTargetClient client(String boundTo) {
        return new KvTargetClient(boundTo, List.copyOf(nodes.keySet()), name -> nodes.containsKey(name) ? nodes.get(name).address() : null,
                1_000, true);
    }

    private static Invocation read(boolean finalRead) {
        return new Invocation(7, "read", "k", null, finalRead, TIMEOUT_NANOS);
    }

    private static KvReply positioned(Object value, long position) {
        return KvReply.ok(value, Map.of(KvReply.POSITION, position));
    }

    @Test
    void theHighestPositionSeenIsStampedOnEveryRequest() throws IOException {
        long[] positions = {9, 4};
        ScriptedNode n1 = node("n1", request -> positioned(null, positions[(int) (request.sequence() - 1) % 2]));
        try (KvTargetClient client = client("n1")) {
            client.invoke(read(false));
            client.invoke(read(false));
            client.invoke(read(false));
        }
        assertThat(n1.seen).extracting(KvRequest::seenPosition).containsExactly(0L, 9L, 9L);
    }

    @Test
    void aSessionTheServerRefusesMovesToTheNextNodeAndStaysThere() throws IOException {
        ScriptedNode n1 = node("n1", request -> KvReply.fail(KvErrors.UNAVAILABLE));
        ScriptedNode n2 = node("n2", request -> KvReply.fail(KvErrors.SERVER_BEHIND));
        ScriptedNode n3 = node("n3", request -> positioned(3L, 7));
        try (KvTargetClient client = client("n1")) {
            Completion moved = client.invoke(read(false));
            assertThat(moved.type()).isEqualTo(OpType.OK);
            assertThat(moved.node()).isEqualTo("n3");
            assertThat(moved.meta()).containsEntry("moves", 2L);
            assertThat(client.invoke(read(false)).node()).as("the session stays on n3").isEqualTo("n3");
            assertThat(client.invoke(read(true))).as("final reads never move")
                    .isEqualTo(Completion.fail(KvErrors.UNAVAILABLE));
        }
        assertThat(n1.seen).hasSize(2);
        assertThat(n2.seen).hasSize(1);
        assertThat(n3.seen).hasSize(2);
    }

    @Test
    void aSessionWithAPositionMovesToTheNextNodeAfterEveryFewOperationsAndOneWithoutNever() throws IOException {
        ScriptedNode n1 = node("n1", request -> positioned(1L, 5));
        ScriptedNode n2 = node("n2", request -> KvReply.ok(2L));
        node("n3", request -> KvReply.ok(3L));
        int rebalance = KvTargetClient.REBALANCE_EVERY_OPS;
        try (KvTargetClient client = client("n1")) {
            for (int i = 0; i < rebalance; i++) {
                assertThat(client.invoke(read(false)).node()).isNull();
            }
            assertThat(client.invoke(read(true)).node()).as("final reads never move").isNull();
            Completion moved = client.invoke(read(false));
            assertThat(moved.node()).isEqualTo("n2");
            assertThat(n2.seen.get(0).seenPosition()).as("the position goes along").isEqualTo(5L);
        }
        try (KvTargetClient client = client("n2")) {
            for (int i = 0; i <= 2 * rebalance; i++) {
                assertThat(client.invoke(read(false)).node()).as("no position: no session to move").isNull();
            }
        }
        assertThat(n1.seen).hasSize(rebalance + 1);
    }

    @Test
    void aRefusedConnectionMovesOnlyASessionThatHasAPosition() throws IOException {
        node("n2", request -> positioned(1L, 5));
        node("n3", request -> positioned(1L, 5));
        try (KvTargetClient client = new KvTargetClient("n1", List.of("n1", "n2", "n3"),
                name -> nodes.containsKey(name) ? nodes.get(name).address() : closedPort(), 1_000, false)) {
            assertThat(client.invoke(read(false))).as("no position yet: a target without sessions")
                    .isEqualTo(Completion.fail(KvErrors.CONNECTION_REFUSED));
        }
        try (KvTargetClient client = new KvTargetClient("n2", List.of("n1", "n2", "n3"),
                name -> nodes.containsKey(name) ? nodes.get(name).address() : closedPort(), 1_000, false)) {
            assertThat(client.invoke(read(false)).type()).isEqualTo(OpType.OK);
            ScriptedNode n2 = nodes.remove("n2");
            n2.close();
            awaitRefusing(n2.address());
            assertThat(client.invoke(read(false)).type()).as("the open connection breaks").isNotEqualTo(OpType.OK);
            Completion moved = client.invoke(read(false));
            assertThat(moved.node()).as("n2 refuses connections now: %s", moved).isEqualTo("n3");
        }
    }

    /** Closing a server socket that a thread is blocked accepting on completes asynchronously. */
    private static void awaitRefusing(InetSocketAddress address) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1_000);
            } catch (IOException refused) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(address + " still accepts connections 10 s after its node closed");
    }

    private static InetSocketAddress closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRefusedConnectionFailsAndASilentNodeTimesOutAsInfo() throws IOException {
        InetSocketAddress nobody;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
        }
        try (KvTargetClient client = new KvTargetClient("n1", List.of("n1"), name -> nobody, 1_000, false)) {
            assertThat(client.invoke(new Invocation(1, "write", "k", 1L, false, TIMEOUT_NANOS)))
                    .isEqualTo(Completion.fail(KvErrors.CONNECTION_REFUSED));
        }

        node("n2", request -> null);
        try (KvTargetClient client = new KvTargetClient("n2", List.of("n2"), name -> nodes.get(name).address(), 1_000, false)) {
            long start = System.nanoTime();
            Completion completion = client.invoke(new Invocation(1, "write", "k", 1L, false, 300_000_000L));
            assertThat(completion).isEqualTo(Completion.info(KvErrors.TIMEOUT));
            assertThat(System.nanoTime() - start).isBetween(250_000_000L, 5_000_000_000L);
        }
    }

    @Test
    void aWriteWhoseLeaderStepsDownIsRetriedWithTheSameSequenceAtTheNewLeader() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        ScriptedNode deposed = node("n1", request -> calls.getAndIncrement() == 0
                ? KvReply.info(KvErrors.LEADERSHIP_LOST) : KvReply.notLeader("n2"));
        ScriptedNode leader = node("n2", request -> KvReply.ok(null));

        Completion completion = invoke("n1", "write", 5L);

        assertThat(completion.type()).isEqualTo(OpType.OK);
        assertThat(completion.meta()).containsEntry("retries", 1L).containsEntry("redirects", 1L);
        assertThat(leader.seen).containsExactly(deposed.seen.get(0));
    }

    @Test
    void aDefiniteFailureAfterAnIndeterminateAttemptStaysIndeterminate() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        node("n1", request -> calls.getAndIncrement() == 0
                ? KvReply.info(KvErrors.LEADERSHIP_LOST) : KvReply.fail(KvErrors.CAS_MISMATCH));
        Completion completion = invoke("n1", "cas", List.of(1L, 2L));
        assertThat(completion.type()).as("the first attempt may have applied the cas").isEqualTo(OpType.INFO);
        assertThat(completion.error()).isEqualTo(KvErrors.LEADERSHIP_LOST);
        assertThat(completion.meta()).containsEntry("retries", 1L);
    }

    @Test
    void aTargetWithoutClientSessionsNeverGetsAWriteTwice() throws IOException {
        ScriptedNode n1 = node("n1", request -> KvReply.info(KvErrors.LEADERSHIP_LOST));
        assertThat(invoke("n1", "write", 5L, false)).isEqualTo(Completion.info(KvErrors.LEADERSHIP_LOST));
        assertThat(n1.seen).as("resending could apply the write twice").hasSize(1);
    }

    @Test
    void readsAreNotRetried() throws IOException {
        ScriptedNode n1 = node("n1", request -> KvReply.info(KvErrors.CONNECTION_LOST));
        assertThat(invoke("n1", "read", null)).isEqualTo(Completion.info(KvErrors.CONNECTION_LOST));
        assertThat(n1.seen).hasSize(1);
    }
}
