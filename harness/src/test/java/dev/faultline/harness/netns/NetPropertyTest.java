package dev.faultline.harness.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.PartitionShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Goal: whatever partitions start and heal, in any order, the kernel ends up dropping exactly the
 * union of the grudges in force. Method: a model of the tc state the commands build (it refuses, as
 * tc does, a root qdisc added twice, a deletion of one that is absent, a filter without its root and
 * drop queue) against a brute-force oracle computed from the partitions in force.
 */
class NetPropertyTest {

    /** Device → the source addresses it drops; null entry: a root without its drop queue yet. */
    private static final class FakeTc implements CommandRunner {
        final Map<String, Set<String>> drops = new TreeMap<>();
        final Map<String, Boolean> dropQueue = new HashMap<>();

        @Override
        public String run(List<String> command) throws IOException {
            String line = String.join(" ", command);
            String device = command.get(4);
            if (line.matches("tc qdisc add dev \\S+ root handle 1: htb")) {
                require(!drops.containsKey(device), line, "Exclusivity flag on, cannot modify");
                drops.put(device, new TreeSet<>());
                dropQueue.put(device, false);
            } else if (line.matches("tc class add dev \\S+ parent 1: classid 1:1 htb rate 1mbit")) {
                require(drops.containsKey(device), line, "Cannot find specified qdisc");
            } else if (line.matches("tc qdisc add dev \\S+ parent 1:1 handle 10: pfifo limit 0")) {
                require(drops.containsKey(device), line, "Cannot find specified qdisc");
                dropQueue.put(device, true);
            } else if (line.matches("tc filter add dev \\S+ parent 1: protocol ip prio 1 u32 match ip src \\S+/32 flowid 1:1")) {
                require(drops.containsKey(device) && dropQueue.get(device), line, "Cannot find specified qdisc");
                drops.get(device).add(command.get(15).replace("/32", ""));
            } else if (line.matches("tc qdisc del dev \\S+ root")) {
                require(drops.containsKey(device), line, "Cannot delete qdisc with handle of zero");
                drops.remove(device);
                dropQueue.remove(device);
            } else {
                throw new IOException("unexpected command: " + line);
            }
            return "";
        }

        private static void require(boolean condition, String line, String error) throws IOException {
            if (!condition) {
                throw new IOException(line + " failed (exit 2): " + error);
            }
        }
    }

    @Property(tries = 300)
    void theKernelDropsTheUnionOfThePartitionsInForce(@ForAll @IntRange(min = 2, max = 5) int nodeCount,
            @ForAll long seed) throws Exception {
        List<String> nodes = IntStream.rangeClosed(1, nodeCount).mapToObj(i -> "n" + i).toList();
        NetnsLayout layout = NetnsLayout.allocate(nodes, new Random(seed), List.of());
        FakeTc kernel = new FakeTc();
        Net net = new Net(layout, kernel);
        List<Fault.Partition> inForce = new ArrayList<>();
        Random random = new Random(seed);
        for (int step = 0; step < 12; step++) {
            int action = random.nextInt(10);
            if (action < 5 || inForce.isEmpty()) {
                List<PartitionShape> shapes = PartitionShape.applicableTo(nodeCount).stream()
                        .filter(shape -> shape != PartitionShape.EXPLICIT).toList();
                List<String> order = new ArrayList<>(nodes);
                Collections.shuffle(order, random);
                PartitionShape shape = shapes.get(random.nextInt(shapes.size()));
                Fault.Partition partition = new Fault.Partition(shape, shape.grudge(order, Optional.empty()));
                inForce.add(partition);
                net.cut(partition);
            } else if (action < 9) {
                net.heal(inForce.remove(random.nextInt(inForce.size())));
            } else {
                inForce.clear();
                net.healAll();
            }
            assertThat(kernel.drops).isEqualTo(oracle(layout, inForce));
        }
    }

    /** Brute force: for every ordered pair of nodes, dropped iff some partition in force has the receiver grudge the sender. */
    private static Map<String, Set<String>> oracle(NetnsLayout layout, List<Fault.Partition> inForce) {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (NetnsLayout.NetnsNode receiver : layout.nodes()) {
            for (NetnsLayout.NetnsNode sender : layout.nodes()) {
                boolean dropped = inForce.stream()
                        .anyMatch(p -> p.grudge().getOrDefault(receiver.name(), new TreeSet<>()).contains(sender.name()));
                if (dropped) {
                    expected.computeIfAbsent(receiver.hostVeth(), device -> new TreeSet<>()).add(sender.address());
                }
            }
        }
        return expected;
    }
}
