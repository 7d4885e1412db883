package dev.faultline.target.common.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.target.common.wire.Frames;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Goal: requests and replies survive the codec, and {@link KvClient} tells "never sent" (fail)
 * from "sent, outcome unknown" (info). Method: tiny scripted servers on 127.0.0.1.
 */
class KvProtocolTest {

    @Test
    void requestsAndRepliesRoundTrip() {
        KvRequest request = KvRequest.cas("x", 1L, List.of(2L, "b"), 7, 42);
        WireOutput out = new WireOutput();
        KvCodec.writeRequest(out, 99, request);
        WireInput in = new WireInput(out.toByteArray());
        assertThat(in.readLong()).isEqualTo(99);
        assertThat(KvCodec.readRequest(in)).isEqualTo(request);
        in.expectEnd();

        KvReply reply = new KvReply(Outcome.FAIL, null, KvErrors.NOT_LEADER, "n2", Map.of("term", 3L));
        out.reset();
        KvCodec.writeReply(out, 5, reply);
        in = new WireInput(out.toByteArray());
        assertThat(in.readLong()).isEqualTo(5);
        assertThat(KvCodec.readReply(in)).isEqualTo(reply);
    }

    @Test
    void aRequestWithoutASeenPositionIsReadAsNoPosition() {
        // An older client ends its request after the sequence; the server must still decode it.
        WireOutput out = new WireOutput();
        out.writeLong(1).writeByte(KvOp.READ.ordinal()).writeValue("x").writeValue(null).writeLong(7).writeLong(3);
        WireInput in = new WireInput(out.toByteArray());
        in.readLong();
        KvRequest request = KvCodec.readRequest(in);
        in.expectEnd();
        assertThat(request).isEqualTo(KvRequest.read("x", 7, 3));
        assertThat(request.seenPosition()).isEqualTo(KvRequest.NO_POSITION);

        KvRequest positioned = KvRequest.read("x", 7, 4).withSeenPosition(1L << 33);
        out.reset();
        KvCodec.writeRequest(out, 2, positioned);
        in = new WireInput(out.toByteArray());
        in.readLong();
        assertThat(KvCodec.readRequest(in)).isEqualTo(positioned);
        assertThatThrownBy(() -> positioned.withSeenPosition(-1)).hasMessageContaining("seenPosition");
    }

    @Test
    void theClientEchoesTheHighestPositionItHasSeen() throws Exception {
        // The server answers each request with the position the client sent, plus 10; the client
        // must stamp each next request with the highest position seen, never a lower one.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> acceptThen(server, socket -> {
                for (long answer : new long[] {10, 0, 0}) {
                    WireInput in = new WireInput(Frames.read(socket.getInputStream()));
                    long id = in.readLong();
                    long seen = KvCodec.readRequest(in).seenPosition();
                    reply(socket, id, KvReply.ok(seen, answer == 0 ? Map.of() : Map.of(KvReply.POSITION, seen + answer)));
                }
            }));
            echo.start();
            try (KvClient client = new KvClient((InetSocketAddress) server.getLocalSocketAddress(), 1_000)) {
                client.seenAtLeast(5);
                assertThat(client.invoke(KvRequest.read("x", 0, 1), 5_000).value()).isEqualTo(5L);
                assertThat(client.seenPosition()).isEqualTo(15);
                assertThat(client.invoke(KvRequest.read("x", 0, 2), 5_000).value()).isEqualTo(15L);
                assertThat(client.invoke(KvRequest.read("x", 0, 3).withSeenPosition(40), 5_000).value()).isEqualTo(40L);
                assertThat(client.seenPosition()).isEqualTo(15);
            }
            echo.join();
        }
    }

    @Test
    void casNeedsAPairAndFailuresNeedAnError() {
        assertThatThrownBy(() -> new KvRequest(KvOp.CAS, "x", 1L, 0, 0)).hasMessageContaining("[expected, new]");
        assertThatThrownBy(() -> new KvReply(Outcome.INFO, null, null, null, Map.of())).hasMessageContaining("error");
    }

    @Test
    void completionsKeepTheInvokedValueExceptForOkReads() {
        Op write = KvHistory.invocation(3, KvRequest.write("x", 5L, 3, 1));
        Op read = KvHistory.invocation(3, KvRequest.read("x", 3, 2));
        assertThat(KvHistory.completion(write, KvReply.ok(null), "n1").value()).isEqualTo(5L);
        Op readOk = KvHistory.completion(read, KvReply.ok(5L, Map.of("version", 2L)), "n1");
        assertThat(readOk.value()).isEqualTo(5L);
        assertThat(readOk.meta()).containsEntry("version", 2L);
        assertThat(readOk.node()).isEqualTo("n1");
        Op info = KvHistory.completion(write, KvReply.info(KvErrors.TIMEOUT), "n1");
        assertThat(info.type()).isEqualTo(OpType.INFO);
        assertThat(info.error()).isEqualTo("timeout");
    }

    @Test
    void aRefusedConnectionIsADefiniteFailure() throws IOException {
        InetSocketAddress closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        try (KvClient client = new KvClient(closed, 1_000)) {
            KvReply reply = client.invoke(KvRequest.write("x", 1L, 0, 1), 1_000);
            assertThat(reply.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(reply.error()).isEqualTo(KvErrors.CONNECTION_REFUSED);
        }
    }

    @Test
    void noReplyInTimeIsIndeterminate() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread silent = new Thread(() -> acceptThen(server, socket -> Thread.sleep(2_000)));
            silent.start();
            try (KvClient client = new KvClient((InetSocketAddress) server.getLocalSocketAddress(), 1_000)) {
                KvReply reply = client.invoke(KvRequest.write("x", 1L, 0, 1), 200);
                assertThat(reply.outcome()).isEqualTo(Outcome.INFO);
                assertThat(reply.error()).isEqualTo(KvErrors.TIMEOUT);
            }
            silent.join();
        }
    }

    @Test
    void aConnectionLostAfterSendingIsIndeterminate() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread hangsUp = new Thread(() -> acceptThen(server, socket -> Frames.read(socket.getInputStream())));
            hangsUp.start();
            try (KvClient client = new KvClient((InetSocketAddress) server.getLocalSocketAddress(), 1_000)) {
                KvReply reply = client.invoke(KvRequest.write("x", 1L, 0, 1), 5_000);
                assertThat(reply.outcome()).isEqualTo(Outcome.INFO);
                assertThat(reply.error()).isEqualTo(KvErrors.CONNECTION_LOST);
            }
            hangsUp.join();
        }
    }

    @Test
    void aLateReplyToAnAbandonedRequestIsNeverTakenForTheNextOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                // First connection: answers too late. Second: answers at once.
                acceptThen(server, socket -> {
                    InputStream in = socket.getInputStream();
                    long id = new WireInput(Frames.read(in)).readLong();
                    Thread.sleep(400);
                    reply(socket, id, KvReply.ok("late"));
                });
                acceptThen(server, socket -> {
                    long id = new WireInput(Frames.read(socket.getInputStream())).readLong();
                    reply(socket, id, KvReply.ok("fresh"));
                    Thread.sleep(100);
                });
            });
            echo.start();
            try (KvClient client = new KvClient((InetSocketAddress) server.getLocalSocketAddress(), 1_000)) {
                assertThat(client.invoke(KvRequest.read("x", 0, 1), 100).outcome()).isEqualTo(Outcome.INFO);
                KvReply second = client.invoke(KvRequest.read("x", 0, 2), 5_000);
                assertThat(second.value()).isEqualTo("fresh");
            }
            echo.join();
        }
    }

    private static void reply(Socket socket, long correlationId, KvReply reply) throws IOException {
        WireOutput out = new WireOutput();
        int start = Frames.begin(out);
        KvCodec.writeReply(out, correlationId, reply);
        Frames.finish(out, start);
        socket.getOutputStream().write(out.toByteArray());
    }

    private interface SocketAction {
        void run(Socket socket) throws Exception;
    }

    private static void acceptThen(ServerSocket server, SocketAction action) {
        try (Socket socket = server.accept()) {
            action.run(socket);
        } catch (Exception ignored) {
            // The client hung up first: fine for these scripts.
        }
    }
}
