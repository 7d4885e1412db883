package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.zookeeper.EnsembleLayout.Link;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.PartitionShape;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Goal: a grudge "receiver drops from senders" cuts each (sender, receiver), and overlapping partitions compose. */
class ZooKeeperNemesisTest {
    private static SortedSet<String> set(String... nodes) {
        return new TreeSet<>(List.of(nodes));
    }

    @Test
    void cutsEachDirectionAGrudgeNamesAndTheUnionOfOverlappingOnes() {
        Fault.Partition oneWay = new Fault.Partition(PartitionShape.values()[0], Map.of("n1", set("n2"), "n2", set()));
        Fault.Partition isolate = new Fault.Partition(PartitionShape.values()[0],
                Map.of("n3", set("n1", "n2"), "n1", set("n3"), "n2", set("n3")));

        assertThat(ZooKeeperNemesis.cuts(List.of(oneWay))).containsExactly(new Link("n2", "n1"));
        assertThat(ZooKeeperNemesis.cuts(List.of(oneWay, isolate))).containsExactlyInAnyOrder(new Link("n2", "n1"),
                new Link("n1", "n3"), new Link("n2", "n3"), new Link("n3", "n1"), new Link("n3", "n2"));
        assertThat(ZooKeeperNemesis.cuts(List.of())).isEmpty();
    }
}
