package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Goal: the role and zxid come out of a srvr answer; a server without quorum has no state. */
class ServerStateTest {
    @Test
    void parsesModeAndZxidIntoEpochAndCounter() {
        String srvr = """
                Zookeeper version: 3.9.5-..., built on 2026-02-11 UTC
                Latency min/avg/max: 0/0.5/12
                Received: 812
                Sent: 811
                Connections: 3
                Outstanding: 0
                Zxid: 0x30000002a
                Mode: leader
                Node count: 6
                Proposal sizes last/min/max: 48/48/92
                """;

        ServerState state = ServerState.parse(srvr).orElseThrow();

        assertThat(state.isLeader()).isTrue();
        assertThat(state.epoch()).isEqualTo(3);
        assertThat(state.counter()).isEqualTo(0x2a);
    }

    @Test
    void aServerThatIsNotServingHasNoState() {
        assertThat(ServerState.parse("This ZooKeeper instance is not currently serving requests\n")).isEmpty();
    }
}
