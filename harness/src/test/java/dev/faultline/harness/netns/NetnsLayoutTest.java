package dev.faultline.harness.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Goal: a run's names fit the kernel's limits and its /24 touches nothing the host routes already. */
class NetnsLayoutTest {

    @Test
    void namesAndAddressesFollowTheRunIdAndTheNodeOrder() {
        NetnsLayout layout = NetnsLayout.allocate(List.of("n1", "n2", "n3"), new FixedRandom(0x0f, 0x00, 0xff, 7), List.of());
        assertThat(layout.bridge()).isEqualTo("fl-0f00ff");
        assertThat(layout.bridgeAddress()).isEqualTo("10.200.7.1");
        assertThat(layout.nodes()).extracting(NetnsLayout.NetnsNode::namespace)
                .containsExactly("fl-0f00ff-n1", "fl-0f00ff-n2", "fl-0f00ff-n3");
        assertThat(layout.nodes()).extracting(NetnsLayout.NetnsNode::hostVeth).containsExactly("fl0f00ffn1", "fl0f00ffn2", "fl0f00ffn3");
        assertThat(layout.peers()).isEqualTo("n1=10.200.7.2:7400,n2=10.200.7.3:7400,n3=10.200.7.4:7400");
        assertThat(layout.describe()).containsEntry("subnet", "10.200.7.0/24").containsEntry("bridgeAddress", "10.200.7.1/24");
    }

    @Test
    void interfaceNamesFitIfnamsizForTheLargestCluster() {
        List<String> names = IntStream.rangeClosed(1, NetnsLayout.MAX_NODES).mapToObj(i -> "n" + i).toList();
        NetnsLayout layout = NetnsLayout.allocate(names, new Random(1), List.of());
        assertThat(layout.bridge().length()).isLessThanOrEqualTo(15);
        assertThat(layout.nodes()).allMatch(node -> node.hostVeth().length() <= 15);
        assertThat(layout.node("n99").address()).isEqualTo(layout.subnet().address(100));
        List<String> tooMany = IntStream.rangeClosed(1, NetnsLayout.MAX_NODES + 1).mapToObj(i -> "n" + i).toList();
        assertThatThrownBy(() -> NetnsLayout.allocate(tooMany, new Random(1), List.of())).hasMessageContaining("1 to 99 nodes");
    }

    @Test
    void theSubnetSkipsEveryPrefixTheHostUses() {
        List<Ipv4Prefix> inUse = List.of(Ipv4Prefix.parse("10.200.7.0/24"), Ipv4Prefix.parse("10.200.8.9"),
                Ipv4Prefix.parse("10.200.9.0/25"));
        NetnsLayout layout = NetnsLayout.allocate(List.of("n1"), new FixedRandom(1, 2, 3, 7), inUse);
        assertThat(layout.subnet()).hasToString("10.200.10.0/24");
    }

    @Test
    void aHostRouteCoveringThePoolLeavesNoSubnet() {
        assertThatThrownBy(() -> NetnsLayout.allocate(List.of("n1"), new Random(3), List.of(Ipv4Prefix.parse("10.0.0.0/8"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no /24 of 10.200.0.0/13");
    }

    @Test
    void prefixesOverlapWhenTheShorterContainsTheOther() {
        Ipv4Prefix subnet = Ipv4Prefix.parse("10.200.7.0/24");
        assertThat(subnet.overlaps(Ipv4Prefix.parse("10.200.7.130"))).isTrue();
        assertThat(subnet.overlaps(Ipv4Prefix.parse("10.200.0.0/16"))).isTrue();
        assertThat(subnet.overlaps(Ipv4Prefix.parse("10.200.8.0/24"))).isFalse();
        assertThat(Ipv4Prefix.parse("192.0.2.2/24")).hasToString("192.0.2.0/24");
        assertThatThrownBy(() -> Ipv4Prefix.parse("10.300.0.0/24")).isInstanceOf(IllegalArgumentException.class);
    }
}
