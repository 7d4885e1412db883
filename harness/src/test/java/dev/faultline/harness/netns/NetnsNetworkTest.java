package dev.faultline.harness.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goal: the network is built from ip commands on this run's names only, and removed also after a half-way failure. */
class NetnsNetworkTest {
    private static final NetnsLayout LAYOUT = NetnsLayout.allocate(List.of("n1", "n2"), new FixedRandom(0xab, 0xc1, 0x23, 5), List.of());

    @Test
    void createsTheBridgeThenEachNamespaceWithItsVethPair() {
        assertThat(TcCommandsTest.lines(NetnsNetwork.createCommands(LAYOUT))).containsExactly(
                "ip link add fl-abc123 type bridge",
                "ip addr add 10.200.5.1/24 dev fl-abc123",
                "ip link set fl-abc123 up",
                "ip netns add fl-abc123-n1",
                "ip link add flabc123n1 type veth peer name eth0 netns fl-abc123-n1",
                "ip link set flabc123n1 master fl-abc123 up",
                "ip -n fl-abc123-n1 addr add 10.200.5.2/24 dev eth0",
                "ip -n fl-abc123-n1 link set eth0 up",
                "ip -n fl-abc123-n1 link set lo up",
                "ip netns add fl-abc123-n2",
                "ip link add flabc123n2 type veth peer name eth0 netns fl-abc123-n2",
                "ip link set flabc123n2 master fl-abc123 up",
                "ip -n fl-abc123-n2 addr add 10.200.5.3/24 dev eth0",
                "ip -n fl-abc123-n2 link set eth0 up",
                "ip -n fl-abc123-n2 link set lo up");
    }

    @Test
    void aFailedCreationRemovesWhatItMadeAndNamesTheCommand() {
        RecordingRunner runner = new RecordingRunner(4);
        assertThatThrownBy(() -> NetnsNetwork.create(LAYOUT, runner)).isInstanceOf(IOException.class)
                .hasMessageContaining("ip link add flabc123n1 type veth");
        assertThat(runner.lines().subList(5, runner.lines().size())).containsExactly(
                "ip link del flabc123n1", "ip netns del fl-abc123-n1",
                "ip link del flabc123n2", "ip netns del fl-abc123-n2",
                "ip link del fl-abc123");
    }

    @Test
    void closingTwiceRemovesOnce() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        NetnsNetwork network = NetnsNetwork.create(LAYOUT, runner);
        runner.commands.clear();
        network.close();
        network.close();
        assertThat(runner.commands).hasSize(5);
    }

    @Test
    void anInterruptedCloserStillRemovesEverythingAndStaysInterrupted() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        NetnsNetwork network = NetnsNetwork.create(LAYOUT, runner);
        runner.commands.clear();
        Thread.currentThread().interrupt();
        network.close();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(runner.commands).hasSize(5);
    }
}
