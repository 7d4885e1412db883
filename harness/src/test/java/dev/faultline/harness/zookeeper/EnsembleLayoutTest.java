package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.harness.zookeeper.EnsembleLayout.Link;
import dev.faultline.harness.zookeeper.EnsembleLayout.PeerPorts;
import dev.faultline.harness.zookeeper.EnsembleLayout.ServerPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Goal: each server's zoo.cfg lists itself at its own peer ports and every other server at the proxy of that link. */
class EnsembleLayoutTest {
    private static final EnsembleLayout LAYOUT = new EnsembleLayout(List.of("n1", "n2", "n3"),
            Map.of("n1", new ServerPorts(2181, 2888, 3888), "n2", new ServerPorts(2182, 2889, 3889),
                    "n3", new ServerPorts(2183, 2890, 3890)),
            Map.of(new Link("n1", "n2"), new PeerPorts(5012, 6012), new Link("n1", "n3"), new PeerPorts(5013, 6013),
                    new Link("n2", "n1"), new PeerPorts(5021, 6021), new Link("n2", "n3"), new PeerPorts(5023, 6023),
                    new Link("n3", "n1"), new PeerPorts(5031, 6031), new Link("n3", "n2"), new PeerPorts(5032, 6032)));

    @Test
    void aServerReachesEveryPeerThroughTheProxyOfThatLink() {
        String cfg = LAYOUT.zooCfg("n2", Path.of("/store/run/nodes/n2/data"));

        assertThat(cfg.lines()).contains(
                "server.1=127.0.0.1:5021:6021",
                "server.2=127.0.0.1:2889:3889",
                "server.3=127.0.0.1:5023:6023",
                "clientPort=2182",
                "clientPortAddress=127.0.0.1",
                "dataDir=/store/run/nodes/n2/data",
                "reconfigEnabled=false",
                "admin.enableServer=false",
                "tickTime=" + EnsembleLayout.TICK_MILLIS,
                "syncLimit=" + EnsembleLayout.SYNC_LIMIT_TICKS);
        assertThat(cfg.lines().filter(line -> line.startsWith("server."))).hasSize(3);
    }

    @Test
    void serverIdsFollowTheNodeOrderFromOne() {
        assertThat(List.of(LAYOUT.serverId("n1"), LAYOUT.serverId("n2"), LAYOUT.serverId("n3"))).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> LAYOUT.serverId("n4")).hasMessageContaining("no node n4");
    }

    @Test
    void aLayoutWithoutTheProxyOfSomeLinkIsRefused() {
        assertThatThrownBy(() -> new EnsembleLayout(List.of("n1", "n2"),
                Map.of("n1", new ServerPorts(1, 2, 3), "n2", new ServerPorts(4, 5, 6)),
                Map.of(new Link("n1", "n2"), new PeerPorts(7, 8))))
                .hasMessageContaining("no proxy for n2 -> n1");
    }
}
