package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.gossip.Entry.GrowSet;
import dev.faultline.target.gossip.Entry.Register;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Goal: conflict resolution does what each configuration promises. Last-writer-wins keeps the
 * highest (timestamp, node), so a clock running ahead shadows later writes (Cassandra's rule);
 * version vectors keep concurrent versions as siblings and drop the ones another has seen
 * (Dynamo §4.4); sets merge by union. Method: merges of hand-made versions, a scripted cluster
 * with a skewed clock, and properties over random versions: every merge is commutative,
 * associative and idempotent (what convergence rests on) and keeps exactly the versions a
 * brute-force definition says survive.
 */
class ResolutionTest {
    private static final Resolution LWW = new Resolution(false, false);
    private static final Resolution VV = new Resolution(true, false);
    private static final Resolution VV_LOSES_SIBLING = new Resolution(true, true);

    private static VersionVector clock(Object... nodeCounters) {
        TreeMap<String, Long> counters = new TreeMap<>();
        for (int i = 0; i < nodeCounters.length; i += 2) {
            counters.put((String) nodeCounters[i], ((Number) nodeCounters[i + 1]).longValue());
        }
        return new VersionVector(counters);
    }

    private static Register version(Object value, long timestamp, String node, VersionVector clock) {
        return Register.of(new Version(value, new Stamp(timestamp, node), clock));
    }

    @Test
    void lastWriterWinsKeepsTheHighestTimestampThenTheHighestNodeId() {
        Register early = version(1L, 100, "n2", VersionVector.EMPTY);
        Register late = version(2L, 200, "n1", VersionVector.EMPTY);
        Register tieHigherNode = version(3L, 200, "n3", VersionVector.EMPTY);
        assertThat(LWW.merge(early, late)).isEqualTo(late);
        assertThat(LWW.merge(late, early)).isEqualTo(late);
        assertThat(LWW.merge(late, tieHigherNode)).isEqualTo(tieHigherNode);
        assertThat(LWW.holds(late, early)).isTrue();
        assertThat(LWW.holds(early, late)).isFalse();
    }

    @Test
    void underLastWriterWinsANodeWhoseClockRunsAheadShadowsLaterAcknowledgedWrites() {
        ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet());
        cluster.skewClock("n1", 10_000);
        long first = cluster.write("n1", "x", 1L);
        cluster.deliver();
        long second = cluster.write("n2", "x", 2L);
        cluster.deliver();
        assertThat(cluster.reply(first).isOk()).isTrue();
        assertThat(cluster.reply(second).isOk()).as("acknowledged, and yet lost").isTrue();
        assertThat((Long) cluster.reply(first).meta().get("timestamp"))
                .isGreaterThan((Long) cluster.reply(second).meta().get("timestamp"));
        for (String node : cluster.nodes()) {
            long read = cluster.read(node, "x");
            cluster.deliver();
            assertThat(cluster.reply(read).value()).as("read at %s", node).isEqualTo(1L);
        }
    }

    @Test
    void underLastWriterWinsAWriteStampedMicrosecondsAfterAnotherOnAnotherNodeWins() {
        // Two coordinators, one millisecond: with millisecond stamps the tie would go to the
        // writer with the higher index (n2), losing n1's later, acknowledged write.
        ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet("w", "1", "r", "1"));
        long first = cluster.write("n2", "x", 1L);
        cluster.passMicros(300);
        long second = cluster.write("n1", "x", 2L);
        assertThat((Long) cluster.reply(second).meta().get("timestamp"))
                .isEqualTo((Long) cluster.reply(first).meta().get("timestamp") + 300);
        cluster.deliver();
        for (String node : cluster.nodes()) {
            long read = cluster.read(node, "x");
            cluster.deliver();
            assertThat(cluster.reply(read).value()).as("read at %s", node).isEqualTo(2L);
        }
    }

    @Test
    void versionVectorsKeepConcurrentWritesAsSiblingsAndDropWhatWasSeen() {
        Register a = version("a", 100, "n1", clock("n1", 1));
        Register b = version("b", 90, "n2", clock("n2", 1));
        Register merged = (Register) VV.merge(a, b);
        assertThat(merged.siblings()).extracting(Version::value).containsExactly("a", "b");
        assertThat(merged.readValue()).as("the newest stamp is read").isEqualTo("a");
        assertThat(VV.merge(b, a)).isEqualTo(merged);

        Register seenBoth = version("c", 50, "n2", clock("n1", 1, "n2", 2));
        assertThat(VV.merge(merged, seenBoth)).as("a write that saw both siblings replaces them, whatever its clock says")
                .isEqualTo(seenBoth);
        assertThat(VV.holds(seenBoth, a)).isTrue();
    }

    @Test
    void theMergeLosesSiblingBugDropsAnArrivingConcurrentVersion() {
        Register a = version("a", 100, "n1", clock("n1", 1));
        Register b = version("b", 90, "n2", clock("n2", 1));
        assertThat(VV_LOSES_SIBLING.merge(a, b)).isEqualTo(a);
        assertThat(VV_LOSES_SIBLING.merge(b, a)).as("so two replicas keep different versions").isEqualTo(b);
        Register newerThanA = version("a2", 110, "n1", clock("n1", 2));
        Register siblings = (Register) VV.merge(a, b);
        assertThat(VV_LOSES_SIBLING.merge(siblings, newerThanA))
                .as("and a newer write vanishes on arrival, taking the version it replaced with it").isEqualTo(b);
    }

    @Test
    void setsMergeByUnionAndTheirDigestFollowsTheirElements() {
        GrowSet left = GrowSet.ofSorted(List.of(1L, 3L));
        GrowSet right = GrowSet.ofSorted(List.of(2L, 3L, "z"));
        GrowSet union = (GrowSet) VV.merge(left, right);
        assertThat(union.elements()).containsExactly(1L, 2L, 3L, "z");
        assertThat(union).isEqualTo(LWW.merge(right, left)).isEqualTo(GrowSet.ofSorted(List.of(1L, 2L, 3L, "z")));
        assertThat(LWW.merge(union, left)).isSameAs(union);
        assertThat(LWW.merge(version(1L, 1, "n1", VersionVector.EMPTY), left)).as("a set wins over a register").isEqualTo(left);
    }

    @Test
    void concurrentAddsOnBothSidesOfAPartitionAreAllKept() {
        ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet("w", "1", "r", "3"));
        cluster.isolate("n1");
        long left = cluster.add("n1", "s", "a");
        long right = cluster.add("n2", "s", "b");
        cluster.deliver();
        cluster.heal();
        assertThat(cluster.reply(left).isOk()).isTrue();
        assertThat(cluster.reply(right).isOk()).isTrue();
        long read = cluster.read("n3", "s");
        cluster.deliver();
        assertThat(cluster.reply(read)).isEqualTo(KvReply.ok(List.of("a", "b")));
    }

    // ------------------------------------------------------------------ properties

    @Provide
    Arbitrary<List<Register>> registers() {
        Arbitrary<Version> versions = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(1, 4),
                Arbitraries.of("n1", "n2", "n3"),
                Arbitraries.maps(Arbitraries.of("n1", "n2", "n3"), Arbitraries.longs().between(1, 3)).ofMaxSize(3))
                .as((value, timestamp, node, counters) -> new Version((long) value, new Stamp(timestamp, node),
                        new VersionVector(new TreeMap<>(counters))));
        return versions.map(Register::of).list().ofMinSize(1).ofMaxSize(5);
    }

    private static Entry mergeAll(Resolution resolution, List<Register> registers) {
        Entry merged = null;
        for (Register register : registers) {
            merged = resolution.merge(merged, register);
        }
        return merged;
    }

    @Property(tries = 300)
    void mergeIsOrderInsensitiveAndIdempotent(@ForAll("registers") List<Register> registers) {
        for (Resolution resolution : List.of(LWW, VV)) {
            Entry forward = mergeAll(resolution, registers);
            List<Register> reversed = new ArrayList<>(registers);
            Collections.reverse(reversed);
            assertThat(mergeAll(resolution, reversed)).isEqualTo(forward);
            assertThat(resolution.merge(forward, forward)).isEqualTo(forward);
            Entry left = mergeAll(resolution, registers.subList(0, registers.size() / 2));
            Entry right = mergeAll(resolution, registers.subList(registers.size() / 2, registers.size()));
            assertThat(resolution.merge(left, right)).as("grouping does not matter").isEqualTo(forward);
        }
    }

    /**
     * The brute-force definition: a version survives under version vectors iff no other version
     * (in any input) has a clock that strictly descends from it, or an equal clock with a version
     * that sorts first; under last-writer-wins only the first in {@link Version#NEWEST_FIRST}.
     */
    @Property(tries = 300)
    void mergeKeepsExactlyTheVersionsTheDefinitionSays(@ForAll("registers") List<Register> registers) {
        List<Version> all = new ArrayList<>();
        registers.forEach(register -> register.siblings().forEach(version -> {
            if (!all.contains(version)) {
                all.add(version);
            }
        }));
        List<Version> survivors = new ArrayList<>();
        for (Version version : all) {
            boolean seen = false;
            for (Version other : all) {
                VersionVector.Order order = version.clock().compare(other.clock());
                seen |= order == VersionVector.Order.BEFORE
                        || (order == VersionVector.Order.EQUAL && Version.NEWEST_FIRST.compare(other, version) < 0);
            }
            if (!seen) {
                survivors.add(version);
            }
        }
        assertThat(mergeAll(VV, registers)).isEqualTo(Register.of(survivors));
        all.sort(Version.NEWEST_FIRST);
        assertThat(mergeAll(LWW, registers)).isEqualTo(Register.of(all.get(0)));
    }

    @Property(tries = 200)
    void setUnionMatchesTheUnionOfElements(@ForAll("elementLists") List<List<Long>> adds) {
        Entry merged = null;
        TreeSet<Long> expected = new TreeSet<>();
        for (List<Long> elements : adds) {
            TreeSet<Long> sorted = new TreeSet<>(elements);
            merged = LWW.merge(merged, GrowSet.ofSorted(new ArrayList<>(sorted)));
            expected.addAll(elements);
        }
        assertThat(merged).isEqualTo(GrowSet.ofSorted(new ArrayList<>(expected)));
    }

    @Provide
    Arbitrary<List<List<Long>>> elementLists() {
        return Arbitraries.longs().between(-5, 20).list().ofMaxSize(6).list().ofMinSize(1).ofMaxSize(5);
    }

    @Test
    void replyMetaOrdersLastWriterWinsWritesTheWayReplicasResolveThem() {
        ScriptedCluster cluster = new ScriptedCluster(3, QuorumTest.quiet("w", "1", "r", "1"));
        cluster.skewClock("n3", 5_000);
        KvReply ahead = cluster.reply(cluster.write("n3", "x", 1L));
        cluster.deliver();
        KvReply later = cluster.reply(cluster.write("n1", "x", 2L));
        cluster.deliver();
        assertThat(ahead.meta()).containsEntry("writer", "n3")
                .containsEntry("version", (Long) ahead.meta().get("timestamp") * 256 + 2);
        assertThat((Long) ahead.meta().get("version")).isGreaterThan((Long) later.meta().get("version"));
        long read = cluster.read("n2", "x");
        cluster.deliver();
        assertThat(cluster.reply(read).meta()).isEqualTo(ahead.meta());
    }
}
