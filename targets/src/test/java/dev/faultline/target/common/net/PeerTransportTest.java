package dev.faultline.target.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.LinkFaults;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Goal: a cut applies to messages still in flight. A message held back by a link delay, or queued
 * while the connection was down, that would cross a link cut meanwhile is dropped, as a packet
 * crossing a cut link is lost; without this, a node restarted behind a partition hears what was
 * sent to it before the cut, before the nemesis can tell it about the partition. Method: two
 * transports on loopback; one sends through a 300 ms delay and blocks the peer at once.
 */
class PeerTransportTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void aDelayedMessageToAPeerCutOffMeanwhileIsDropped() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (PeerTransport n2 = new PeerTransport("n2", Map.of("n1", ANY_PORT, "n2", ANY_PORT),
                (from, payload) -> received.add(new String(payload, StandardCharsets.UTF_8)), new SplittableRandom(1), 64);
                PeerTransport n1 = new PeerTransport("n1", Map.of("n1", ANY_PORT, "n2", n2.address()),
                        (from, payload) -> { }, new SplittableRandom(2), 64)) {
            n2.start();
            n1.start();
            n1.send("n2", bytes("before"));
            assertThat(received.poll(10, TimeUnit.SECONDS)).as("the link works").isEqualTo("before");

            n1.setLinkFaults(LinkFaults.delay(300, 0));
            n1.send("n2", bytes("in flight"));
            n1.setBlocked(new BlockPeers(Set.of("n2"), Set.of()));
            assertThat(received.poll(1, TimeUnit.SECONDS)).as("delivered across the cut").isNull();
            assertThat(n1.counters().get("n2").droppedByFaults()).isEqualTo(1);

            n1.setBlocked(BlockPeers.NONE);
            n1.send("n2", bytes("after"));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
