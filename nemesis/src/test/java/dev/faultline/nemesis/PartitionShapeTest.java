package dev.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Each shape's grudge against its definition, for every cluster size up to 9 and random node
 * orders: who hears whom is computed the slow way, link by link, and compared.
 */
class PartitionShapeTest {

    private static List<String> order(int n, long seed) {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            nodes.add("n" + i);
        }
        java.util.Collections.shuffle(nodes, new Random(seed));
        return nodes;
    }

    private static boolean hears(Map<String, SortedSet<String>> grudge, String node, String peer) {
        return !grudge.get(node).contains(peer);
    }

    @Property
    void randomHalvesCutTheOrderInTwoBothWays(@ForAll @IntRange(min = 2, max = 9) int n, @ForAll long seed) {
        List<String> order = order(n, seed);
        Map<String, SortedSet<String>> grudge = PartitionShape.RANDOM_HALVES.grudge(order, Optional.empty());
        Set<String> small = new HashSet<>(order.subList(0, n / 2));
        for (String a : order) {
            for (String b : order) {
                assertThat(hears(grudge, a, b)).as("%s hears %s", a, b).isEqualTo(small.contains(a) == small.contains(b));
            }
        }
    }

    @Property
    void isolateLeaderCutsTheLeaderOffOrTheFirstNodeWithoutOne(@ForAll @IntRange(min = 2, max = 9) int n,
            @ForAll long seed, @ForAll boolean leaderKnown) {
        List<String> order = order(n, seed);
        String leader = leaderKnown ? order.get(n - 1) : order.get(0);
        Map<String, SortedSet<String>> grudge = PartitionShape.ISOLATE_LEADER.grudge(order,
                leaderKnown ? Optional.of(leader) : Optional.empty());
        for (String a : order) {
            for (String b : order) {
                assertThat(hears(grudge, a, b)).isEqualTo(a.equals(leader) == b.equals(leader));
            }
        }
        assertThat(PartitionShape.ISOLATE_ONE.grudge(order, Optional.of(order.get(n - 1))))
                .as("isolate-one ignores the leader").isEqualTo(PartitionShape.ISOLATE_LEADER.grudge(order, Optional.empty()));
    }

    @Property
    void majorityRingGivesEveryNodeADifferentMajority(@ForAll @IntRange(min = 3, max = 9) int n, @ForAll long seed) {
        List<String> order = order(n, seed);
        Map<String, SortedSet<String>> grudge = PartitionShape.MAJORITY_RING.grudge(order, Optional.empty());
        Set<Set<String>> majorities = new HashSet<>();
        for (String a : order) {
            Set<String> heard = new TreeSet<>();
            for (String b : order) {
                if (hears(grudge, a, b)) {
                    heard.add(b);
                }
            }
            assertThat(heard).contains(a).hasSize(n / 2 + 1);
            majorities.add(heard);
        }
        assertThat(majorities).hasSize(n);
        if ((n / 2) % 2 == 0) {
            for (String a : order) {
                for (String b : order) {
                    assertThat(hears(grudge, a, b)).as("symmetric ring").isEqualTo(hears(grudge, b, a));
                }
            }
        }
    }

    @Property
    void bridgeHearsBothSidesThatCannotHearEachOther(@ForAll @IntRange(min = 3, max = 9) int n, @ForAll long seed) {
        List<String> order = order(n, seed);
        Map<String, SortedSet<String>> grudge = PartitionShape.BRIDGE.grudge(order, Optional.empty());
        String bridge = order.get(0);
        Set<String> left = new HashSet<>(order.subList(1, 1 + (n - 1) / 2));
        for (String a : order) {
            for (String b : order) {
                boolean expected = a.equals(bridge) || b.equals(bridge) || left.contains(a) == left.contains(b);
                assertThat(hears(grudge, a, b)).as("%s hears %s", a, b).isEqualTo(expected);
            }
        }
        assertThat(left).isNotEmpty();
        assertThat(n - 1 - left.size()).isPositive();
    }

    @Property
    void oneWayLeavesAMinorityDeafButAudible(@ForAll @IntRange(min = 2, max = 9) int n, @ForAll long seed) {
        List<String> order = order(n, seed);
        Map<String, SortedSet<String>> grudge = PartitionShape.ONE_WAY.grudge(order, Optional.empty());
        Set<String> deaf = new HashSet<>(order.subList(0, Math.max(1, (n - 1) / 2)));
        for (String a : order) {
            for (String b : order) {
                boolean expected = !deaf.contains(a) || deaf.contains(b);
                assertThat(hears(grudge, a, b)).as("%s hears %s", a, b).isEqualTo(expected);
            }
        }
    }

    @Test
    void aShapeRefusesAClusterTooSmallForIt() {
        assertThatThrownBy(() -> PartitionShape.BRIDGE.grudge(List.of("n1", "n2"), Optional.empty()))
                .hasMessage("bridge needs at least 3 nodes, has 2");
        assertThat(PartitionShape.applicableTo(2)).doesNotContain(PartitionShape.BRIDGE, PartitionShape.MAJORITY_RING);
        assertThat(PartitionShape.applicableTo(1)).isEmpty();
    }

    @Test
    void namesRoundTrip() {
        for (PartitionShape shape : PartitionShape.values()) {
            assertThat(PartitionShape.fromCliName(shape.cliName())).contains(shape);
        }
        assertThat(PartitionShape.MAJORITY_RING.cliName()).isEqualTo("majority-ring");
    }
}
