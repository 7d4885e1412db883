package dev.faultline.harness.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.PartitionShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Goal: each partition shape becomes exactly the tc rules that drop, at each receiver, what its grudge names. */
class TcCommandsTest {
    static final List<String> NODES = List.of("n1", "n2", "n3");
    /** A fixed layout: 10.200.5.0/24, run id abc123. */
    static final NetnsLayout LAYOUT = NetnsLayout.allocate(NODES, new FixedRandom(0xab, 0xc1, 0x23, 5),
            List.of());

    static Fault.Partition partition(PartitionShape shape, List<String> order) {
        return new Fault.Partition(shape, shape.grudge(order, Optional.of(order.get(0))));
    }

    static List<String> lines(List<List<String>> commands) {
        return commands.stream().map(command -> String.join(" ", command)).toList();
    }

    private static List<String> cut(Fault.Partition partition) throws Exception {
        RecordingRunner runner = new RecordingRunner();
        new Net(LAYOUT, runner).cut(partition);
        return runner.lines();
    }

    @Test
    void theLayoutUsedHereIsTheExpectedOne() {
        assertThat(LAYOUT.runId()).isEqualTo("abc123");
        assertThat(LAYOUT.subnet()).hasToString("10.200.5.0/24");
    }

    @Test
    void isolatingOneNodeDropsBothWaysAtEachReceiver() throws Exception {
        assertThat(cut(partition(PartitionShape.ISOLATE_ONE, List.of("n2", "n1", "n3")))).containsExactly(
                "tc qdisc add dev flabc123n1 root handle 1: htb",
                "tc class add dev flabc123n1 parent 1: classid 1:1 htb rate 1mbit",
                "tc qdisc add dev flabc123n1 parent 1:1 handle 10: pfifo limit 0",
                "tc filter add dev flabc123n1 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.3/32 flowid 1:1",
                "tc qdisc add dev flabc123n2 root handle 1: htb",
                "tc class add dev flabc123n2 parent 1: classid 1:1 htb rate 1mbit",
                "tc qdisc add dev flabc123n2 parent 1:1 handle 10: pfifo limit 0",
                "tc filter add dev flabc123n2 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.2/32 flowid 1:1",
                "tc filter add dev flabc123n2 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.4/32 flowid 1:1",
                "tc qdisc add dev flabc123n3 root handle 1: htb",
                "tc class add dev flabc123n3 parent 1: classid 1:1 htb rate 1mbit",
                "tc qdisc add dev flabc123n3 parent 1:1 handle 10: pfifo limit 0",
                "tc filter add dev flabc123n3 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.3/32 flowid 1:1");
    }

    @Test
    void aOneWayPartitionHasRulesOnlyWhereTheDeafMinorityReceives() throws Exception {
        Fault.Partition oneWay = partition(PartitionShape.ONE_WAY, List.of("n3", "n1", "n2"));
        assertThat(oneWay.grudge()).containsEntry("n3", new TreeSet<>(List.of("n1", "n2")))
                .allSatisfy((node, dropped) -> assertThat(node.equals("n3") || dropped.isEmpty()).isTrue());
        assertThat(cut(oneWay)).containsExactly(
                "tc qdisc add dev flabc123n3 root handle 1: htb",
                "tc class add dev flabc123n3 parent 1: classid 1:1 htb rate 1mbit",
                "tc qdisc add dev flabc123n3 parent 1:1 handle 10: pfifo limit 0",
                "tc filter add dev flabc123n3 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.2/32 flowid 1:1",
                "tc filter add dev flabc123n3 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.3/32 flowid 1:1");
    }

    @Test
    void aBridgeNodeHearsBothHalvesAndTheHalvesDropEachOther() throws Exception {
        // Order n1 (the bridge), n2, n3: n2 and n3 cannot hear each other; n1 keeps no rule.
        List<String> lines = cut(partition(PartitionShape.BRIDGE, List.of("n1", "n2", "n3")));
        assertThat(lines).noneMatch(line -> line.contains("dev flabc123n1 "));
        assertThat(lines).contains(
                "tc filter add dev flabc123n2 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.4/32 flowid 1:1",
                "tc filter add dev flabc123n3 parent 1: protocol ip prio 1 u32 match ip src 10.200.5.3/32 flowid 1:1");
        assertThat(lines).filteredOn(line -> line.startsWith("tc filter")).hasSize(2);
    }

    @Test
    void healingRemovesEveryRootAndOnlyTheNodesThatHadRules() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        Net net = new Net(LAYOUT, runner);
        Fault.Partition oneWay = partition(PartitionShape.ONE_WAY, List.of("n3", "n1", "n2"));
        net.cut(oneWay);
        runner.commands.clear();
        net.heal(oneWay);
        assertThat(runner.lines()).containsExactly("tc qdisc del dev flabc123n3 root");
        runner.commands.clear();
        net.healAll();
        assertThat(runner.commands).isEmpty();
    }

    @Test
    void aSecondPartitionRebuildsOnlyTheNodesWhoseDropsChangedAndAHealKeepsTheOther() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        Net net = new Net(LAYOUT, runner);
        Fault.Partition deafN3 = partition(PartitionShape.ONE_WAY, List.of("n3", "n1", "n2"));
        Fault.Partition isolateN1 = partition(PartitionShape.ISOLATE_ONE, List.of("n1", "n2", "n3"));
        net.cut(deafN3);
        runner.commands.clear();
        net.cut(isolateN1);
        // n3 already dropped n1 (and n2): unchanged, so untouched.
        assertThat(runner.lines()).noneMatch(line -> line.contains("flabc123n3"));
        runner.commands.clear();
        net.heal(isolateN1);
        assertThat(runner.lines()).containsExactly("tc qdisc del dev flabc123n1 root", "tc qdisc del dev flabc123n2 root");
    }

    @Test
    void theGrudgeIsTheUnionOfThePartitionsInForce() {
        Map<String, SortedSet<String>> union = TcCommands.grudge(List.of(
                partition(PartitionShape.ONE_WAY, List.of("n3", "n1", "n2")),
                partition(PartitionShape.ISOLATE_ONE, List.of("n1", "n2", "n3"))));
        assertThat(union).isEqualTo(Map.of("n1", new TreeSet<>(List.of("n2", "n3")), "n2", new TreeSet<>(List.of("n1")),
                "n3", new TreeSet<>(List.of("n1", "n2"))));
    }
}
