package dev.faultline.nemesis.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Goal: the faults a run applied, written as a script, replay as the same faults at the same times,
 * whatever their kind, shape and parameters. Method: a property over random schedules (every
 * fault kind, every partition shape, cluster sizes 1 to 5, any leader): each fault resolved as the
 * driver resolves it and described as {@code faults.jsonl} records it, written, parsed back,
 * scheduled and resolved again; plus examples of the two partition forms.
 */
class ScriptWriterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Property(tries = 300)
    void aScheduleWrittenAsAScriptReplaysTheSameFaultsAtTheSameTimes(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 5) int nodeCount, @ForAll @Size(min = 1) Set<FaultKind> kinds,
            @ForAll @IntRange(min = 1, max = 8) int intervalSeconds, @ForAll @IntRange(min = 2, max = 40) int durationSeconds,
            @ForAll @IntRange(min = 0, max = 4) int leaderIndex) {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add("n" + i);
        }
        Set<FaultKind> possible = EnumSet.copyOf(kinds);
        if (nodeCount == 1) {
            possible.removeAll(EnumSet.of(FaultKind.PARTITION, FaultKind.LINK)); // They cut links between nodes.
        }
        Assume.that(!possible.isEmpty());
        long durationNanos = durationSeconds * SECOND;
        ScheduleConfig config = ScheduleConfig.of(nodes, possible, intervalSeconds * SECOND, durationNanos);
        ClusterView view = ClusterView.of(nodes, Optional.of(nodes.get(leaderIndex % nodeCount)));
        List<ScheduledFault> original = FaultSchedule.plan(config, seed).faults();
        Assume.that(!original.isEmpty());
        List<ScriptWriter.Entry> entries = new ArrayList<>();
        List<Map<String, Object>> applied = new ArrayList<>();
        for (ScheduledFault fault : original) {
            Map<String, Object> described = fault.plan().resolve(view).describe();
            applied.add(withoutShape(described));
            entries.add(new ScriptWriter.Entry(fault.startNanos(), fault.healNanos() - fault.startNanos(), described, null));
        }

        String text = ScriptWriter.write(List.of("round trip"), entries, nodes);
        List<ScheduledFault> replayed = NemesisScript.parse(text, "written", nodes).schedule(nodes, durationNanos).faults();

        assertThat(replayed).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            assertThat(replayed.get(i).startNanos()).as(text).isEqualTo(original.get(i).startNanos());
            assertThat(replayed.get(i).healNanos()).as(text).isEqualTo(original.get(i).healNanos());
            // Any leader: the script names nodes, not roles.
            assertThat(withoutShape(replayed.get(i).plan().resolve(ClusterView.of(nodes)).describe())).as(text)
                    .isEqualTo(applied.get(i));
        }
    }

    @Test
    void twoGroupsCutOffFromEachOtherAreWrittenAsGroups() {
        Fault halves = new Fault.Partition(PartitionShape.RANDOM_HALVES,
                PartitionShape.RANDOM_HALVES.grudge(List.of("n2", "n1", "n3"), Optional.empty()));
        assertThat(ScriptWriter.line(new ScriptWriter.Entry(1_500_000_000L, 2 * SECOND, halves.describe(), "fault 4"), NODES))
                .isEqualTo("1.5 2 partition n1,n3 | n2   # fault 4");
    }

    @Test
    void aOneWayPartitionAndARingAreWrittenAsCuts() {
        Fault oneWay = new Fault.Partition(PartitionShape.ONE_WAY, PartitionShape.ONE_WAY.grudge(NODES, Optional.empty()));
        assertThat(ScriptWriter.line(new ScriptWriter.Entry(0, SECOND, oneWay.describe(), null), NODES))
                .isEqualTo("0 1 partition n1<n2,n3");
        List<String> five = List.of("n1", "n2", "n3", "n4", "n5");
        Fault ring = new Fault.Partition(PartitionShape.MAJORITY_RING, PartitionShape.MAJORITY_RING.grudge(five, Optional.empty()));
        String line = ScriptWriter.line(new ScriptWriter.Entry(0, SECOND, ring.describe(), null), five);
        assertThat(line).isEqualTo("0 1 partition n1<n3,n4; n2<n4,n5; n3<n1,n5; n4<n1,n2; n5<n2,n3");
        assertThat(NemesisScript.parse(line, "ring", five).schedule(five, SECOND).faults().get(0).plan()
                .resolve(ClusterView.of(five))).isEqualTo(new Fault.Partition(PartitionShape.EXPLICIT,
                        ((Fault.Partition) ring).grudge()));
    }

    @Test
    void whatAScriptCannotSayIsRefused() {
        Map<String, Object> somePeers = Map.of("kind", "link", "nodes", List.of("n1"), "peers", List.of("n2"), "lossProbability", 0.5);
        assertThatThrownBy(() -> ScriptWriter.line(new ScriptWriter.Entry(0, SECOND, somePeers, null), NODES))
                .hasMessageContaining("some peers only");
        assertThatThrownBy(() -> new ScriptWriter.Entry(0, 0, Map.of(), null)).hasMessageContaining("lasts more than 0 s");
    }

    @Test
    void secondsAreWrittenToTheNanosecond() {
        assertThat(ScriptWriter.seconds(0)).isEqualTo("0");
        assertThat(ScriptWriter.seconds(1)).isEqualTo("0.000000001");
        assertThat(ScriptWriter.seconds(123_456_789_012L)).isEqualTo("123.456789012");
    }

    private static Map<String, Object> withoutShape(Map<String, Object> described) {
        Map<String, Object> fields = new LinkedHashMap<>(described);
        fields.remove("shape");
        return fields;
    }
}
