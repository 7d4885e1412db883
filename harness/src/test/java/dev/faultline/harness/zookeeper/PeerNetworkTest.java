package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.zookeeper.EnsembleLayout.Link;
import dev.faultline.harness.zookeeper.EnsembleLayout.ServerPorts;
import dev.faultline.nemesis.agent.LinkFaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: the proxies forward a connection both ways, a cut holds the bytes of its direction only
 * (and releases them, in order, at the heal), and a delay holds each chunk for about its length.
 * Method: "b" is an echo server on loopback; "a" dials b's quorum port through the proxy of (a, b).
 */
@Timeout(30)
class PeerNetworkTest {
    private static final int QUIET_MILLIS = 400;

    private ServerSocket echo;
    private PeerNetwork network;
    private Socket dialler;

    @BeforeEach
    void openEchoAndNetwork() throws IOException {
        echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::echoLoop, "echo");
        server.setDaemon(true);
        server.start();
        network = PeerNetwork.open(List.of("a", "b"),
                Map.of("a", new ServerPorts(1, 1, 1), "b", new ServerPorts(0, echo.getLocalPort(), echo.getLocalPort())), 7);
        dialler = new Socket(InetAddress.getLoopbackAddress(), network.ports().get(new Link("a", "b")).quorum());
        dialler.setSoTimeout(QUIET_MILLIS);
    }

    @AfterEach
    void close() throws IOException {
        dialler.close();
        network.close();
        echo.close();
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try (Socket socket = echo.accept(); InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                int b;
                while ((b = in.read()) >= 0) {
                    out.write(b);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void send(int value) throws IOException {
        dialler.getOutputStream().write(value);
        dialler.getOutputStream().flush();
    }

    /** The next echoed byte, or -2 when none comes within the quiet time. */
    private int echoed() throws IOException {
        try {
            return dialler.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }

    @Test
    void forwardsBothWays() throws IOException {
        send(41);
        assertThat(echoed()).isEqualTo(41);
        assertThat(network.openConnections()).isEqualTo(1);
    }

    @Test
    void aCutHoldsTheBytesOfItsDirectionUntilTheHealThenDeliversThemInOrder() throws IOException {
        network.cut(Set.of(new Link("a", "b")));
        send(1);
        send(2);
        assertThat(echoed()).as("nothing gets through a -> b").isEqualTo(-2);

        network.cut(Set.of());
        assertThat(List.of(echoed(), echoed())).containsExactly(1, 2);
    }

    @Test
    void aOneWayCutOfTheAnswersLetsRequestsThroughButHoldsTheEcho() throws IOException {
        network.cut(Set.of(new Link("b", "a")));
        send(7);
        assertThat(echoed()).as("b's answer is held").isEqualTo(-2);
        assertThat(network.cut()).containsExactly(new Link("b", "a"));

        network.healAll();
        assertThat(echoed()).isEqualTo(7);
    }

    @Test
    void aDelayHoldsEachChunkAndClearingItRestoresTheLink() throws IOException {
        network.faults("a", LinkFaults.delay(250, 0));
        long start = System.nanoTime();
        send(9);
        dialler.setSoTimeout(5_000);
        assertThat(echoed()).isEqualTo(9);
        assertThat((System.nanoTime() - start) / 1_000_000).as("round trip ms").isGreaterThanOrEqualTo(250);
        assertThat(network.faults("a", "b").delayMeanMillis()).isEqualTo(250);
        assertThat(network.faults("b", "a")).isEqualTo(LinkFaults.NONE);

        network.faults("a", LinkFaults.NONE);
        assertThat(network.faults("a", "b")).isEqualTo(LinkFaults.NONE);
    }

    @Test
    void lossOnAStreamBecomesARetransmissionDelay() {
        LinkDirection direction = new LinkDirection(3);
        direction.faults(LinkFaults.loss(1.0));

        assertThat(direction.dueNanos(0)).isEqualTo(LinkDirection.RETRANSMIT_MILLIS * 1_000_000);
        assertThat(direction.dueNanos(0)).as("never before an earlier chunk").isGreaterThanOrEqualTo(LinkDirection.RETRANSMIT_MILLIS * 1_000_000);
    }
}
