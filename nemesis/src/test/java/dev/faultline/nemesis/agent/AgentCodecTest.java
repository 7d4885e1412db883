package dev.faultline.nemesis.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Goal: every agent request and response survives JSON, and bad lines are refused with a reason. */
class AgentCodecTest {

    @Test
    void everyRequestRoundTrips() {
        List<AgentRequest> requests = List.of(
                new BlockPeers(Set.of("n2"), Set.of("n2", "n3")),
                new LinkFaults(Set.of("n3"), 0.1, 20, 5, 0.05, 0.2, 50),
                new Heal(),
                new ClockBump(-2_500),
                new ClockStrobe(200, 10, 5_000),
                new ClockRate(1.5),
                new ClockReset(),
                new PowerLoss(true),
                new DiskFaults(200, 100),
                DiskFaults.NONE,
                new StatusRequest());
        for (AgentRequest request : requests) {
            AgentCall call = new AgentCall("secret", request);
            String line = AgentCodec.writeCall(call);
            assertThat(line).doesNotContain("\n");
            assertThat(AgentCodec.readCall(line)).isEqualTo(call);
        }
    }

    @Test
    void theWireFormatIsReadableByHand() {
        String line = AgentCodec.writeCall(new AgentCall("t", new ClockBump(100)));
        assertThat(line).isEqualTo("{\"token\":\"t\",\"request\":{\"op\":\"clock-bump\",\"deltaMillis\":100}}");
        assertThat(AgentCodec.readCall("{\"token\":\"t\",\"request\":{\"op\":\"heal\"}}").request()).isEqualTo(new Heal());
    }

    @Test
    void aStatusResponseRoundTripsWithCanonicalExtras() {
        NodeReport report = new NodeReport("n1", "raft",
                new NodeStatus("leader", 3, "n1", 10, 9, 12, Map.of("peers", List.of("n2"), "lag", 2)),
                BlockPeers.both(Set.of("n2")), LinkFaults.loss(0.5),
                new ClockStatus(100, 1.0, new ClockStrobe(5, 10, 20), 1_000, 2_000), true,
                Map.of("n2", new PeerCounters(true, 5, 4, 3, 0)));
        AgentResponse response = AgentResponse.status(report);
        AgentResponse back = AgentCodec.readResponse(AgentCodec.writeResponse(response));
        assertThat(back).isEqualTo(new AgentResponse(true, "status", new NodeReport("n1", "raft",
                new NodeStatus("leader", 3, "n1", 10, 9, 12, Map.of("peers", List.of("n2"), "lag", 2L)),
                report.blocked(), report.links(), report.clock(), true, report.peers())));
    }

    @Test
    void unknownOperationsFieldsAndInvalidParametersAreRefused() {
        assertThatThrownBy(() -> AgentCodec.readCall("{\"token\":\"t\",\"request\":{\"op\":\"format-disk\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format-disk");
        assertThatThrownBy(() -> AgentCodec.readCall("{\"token\":\"t\",\"request\":{\"op\":\"heal\",\"now\":true}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("now");
        assertThatThrownBy(() -> AgentCodec.readCall("{\"token\":\"t\",\"request\":{\"op\":\"clock-rate\",\"rate\":0}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate must be in");
        assertThatThrownBy(() -> AgentCodec.readCall("{\"token\":\"t\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request");
        assertThatThrownBy(() -> AgentCodec.readCall("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkFaultsCheckTheirUnits() {
        assertThatThrownBy(() -> new LinkFaults(Set.of(), 1.5, 0, 0, 0, 0, 0)).hasMessageContaining("lossProbability");
        assertThatThrownBy(() -> new LinkFaults(Set.of(), 0, -1, 0, 0, 0, 0)).hasMessageContaining("delayMeanMillis");
        assertThatThrownBy(() -> new LinkFaults(Set.of(), 0, 0, 0, 0, 0.5, 0)).hasMessageContaining("reorderWindowMillis");
        assertThat(LinkFaults.NONE.isNone()).isTrue();
    }

    @Test
    void diskFaultsCheckTheirUnits() {
        assertThatThrownBy(() -> new DiskFaults(-1, 0)).hasMessageContaining("fsyncDelayMeanMillis");
        assertThatThrownBy(() -> new DiskFaults(DiskFaults.DELAY_MILLIS_MAX + 1, 0)).hasMessageContaining("fsyncDelayMeanMillis");
        assertThatThrownBy(() -> new DiskFaults(10, 11)).hasMessageContaining("fsyncDelayJitterMillis");
        assertThatThrownBy(() -> AgentCodec.readCall(
                "{\"token\":\"t\",\"request\":{\"op\":\"disk-faults\",\"fsyncDelayMeanMillis\":-5,\"fsyncDelayJitterMillis\":0}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fsyncDelayMeanMillis");
        assertThat(DiskFaults.NONE.isNone()).isTrue();
        assertThat(new DiskFaults(200, 100).describe()).isEqualTo("disk-faults fsync-delay=200±100ms");
    }

    @Test
    void linesAreBounded() throws IOException {
        assertThat(AgentCodec.readLine(new StringReader("a\nb"))).isEqualTo("a");
        String huge = "x".repeat(AgentCodec.LINE_CHARS_MAX + 1);
        assertThatThrownBy(() -> AgentCodec.readLine(new StringReader(huge))).isInstanceOf(IOException.class);
    }
}
