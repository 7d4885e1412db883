package dev.faultline.nemesis.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Goal: a nemesis script becomes the schedule its text says, with roles read against each pass's
 * leader, and keeps the schedule contract (every fault healed within the main phase); a wrong
 * line is reported as {@code FILE:LINE: problem}. Method: small scripts with known answers, and a
 * property over repeat periods and main-phase lengths checked against a count done by hand.
 */
class NemesisScriptTest {
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    private static final String FIGURE = """
            # a leader cut off with one follower, then that follower killed
            repeat 10
            0    6    partition  leader,leader+1 | leader+2
            1    0.5  kill       leader+1
            2    3    link       others   delay=1500 jitter=100
            4    2    clock      n3       bump=-5000
            """;

    @Test
    void eachLineBecomesAFaultOfEveryPass() {
        NemesisScript script = NemesisScript.parse(FIGURE, "figure.txt", NODES);
        FaultSchedule schedule = script.schedule(NODES, 25 * SECOND);

        assertThat(schedule.kinds()).containsExactlyInAnyOrder(FaultKind.PARTITION, FaultKind.KILL, FaultKind.LINK, FaultKind.CLOCK);
        // Passes start at 0, 10 and 20 s; the third's partition is healed when the main phase ends, at 25 s.
        assertThat(schedule.faults()).hasSize(12);
        ScheduledFault lastPartition = schedule.faults().get(8);
        assertThat(lastPartition.window()).isEqualTo(2);
        assertThat(lastPartition.startNanos()).isEqualTo(20 * SECOND);
        assertThat(lastPartition.healNanos()).isEqualTo(25 * SECOND);
        ScheduledFault kill = schedule.faults().get(1);
        assertThat(kill.startNanos()).isEqualTo(SECOND);
        assertThat(kill.healNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void rolesAreReadOncePerPassAgainstTheLeaderOfThatMoment() {
        FaultSchedule schedule = NemesisScript.parse(FIGURE, "figure.txt", NODES).schedule(NODES, 20 * SECOND);
        Fault partition = schedule.faults().get(0).plan().resolve(view("n2"));
        // The kill comes after a new leader (n3) was elected: leader+1 still names n3, the node after n2.
        Fault kill = schedule.faults().get(1).plan().resolve(view("n3"));
        Fault link = schedule.faults().get(2).plan().resolve(view("n1"));
        Fault nextPassKill = schedule.faults().get(5).plan().resolve(view("n3"));

        assertThat(partition.kind()).isEqualTo(FaultKind.PARTITION);
        assertThat(((Fault.Partition) partition).grudge()).isEqualTo(Map.of(
                "n1", sorted("n2", "n3"), "n2", sorted("n1"), "n3", sorted("n1")));
        assertThat(kill.nodes()).containsExactly("n3");
        assertThat(link.nodes()).containsExactly("n1", "n3");
        assertThat(((Fault.LinkFault) link).faults()).isEqualTo(LinkFaults.delay(1500, 100));
        assertThat(schedule.faults().get(3).plan().resolve(view("n1"))).isEqualTo(new Fault.ClockFault(new ClockBump(-5000),
                sorted("n3")));
        assertThat(nextPassKill.nodes()).as("a new pass reads the leader again").containsExactly("n1");
    }

    @Test
    void withoutALeaderTheFirstNodeStandsIn() {
        FaultSchedule schedule = NemesisScript.parse("0 1 pause leader+2", "s", NODES).schedule(NODES, 10 * SECOND);
        assertThat(schedule.faults()).hasSize(1);
        assertThat(schedule.faults().get(0).plan().resolve(ClusterView.of(NODES)).nodes()).containsExactly("n3");
    }

    @Test
    void aPartitionWithOneGroupCutsItOffFromEveryOtherNode() {
        Fault fault = NemesisScript.parse("0 1 partition leader", "s", NODES).schedule(NODES, SECOND).faults().get(0)
                .plan().resolve(view("n3"));
        assertThat(((Fault.Partition) fault).shape()).isEqualTo(PartitionShape.EXPLICIT);
        assertThat(((Fault.Partition) fault).grudge()).isEqualTo(Map.of(
                "n1", sorted("n3"), "n2", sorted("n3"), "n3", sorted("n1", "n2")));
    }

    /** One-way cuts write any partition: here a one-way partition of the leader and a bridge's cut. */
    @Test
    void aPartitionOfOneWayCutsDropsWhatEachCutSays() {
        FaultSchedule schedule = NemesisScript.parse("0 1 partition leader<others\n2 1 partition n1<n2; n2<n1,n3", "s", NODES)
                .schedule(NODES, 10 * SECOND);
        Fault oneWay = schedule.faults().get(0).plan().resolve(view("n2"));
        Fault cuts = schedule.faults().get(1).plan().resolve(view("n2"));

        assertThat(((Fault.Partition) oneWay).grudge()).isEqualTo(Map.of(
                "n1", sorted(), "n2", sorted("n1", "n3"), "n3", sorted()));
        assertThat(((Fault.Partition) cuts).grudge()).isEqualTo(Map.of(
                "n1", sorted("n2"), "n2", sorted("n1", "n3"), "n3", sorted()));
        assertThat(schedule.faults().get(1).plan().describe()).containsEntry("targets", "n1<n2; n2<n1,n3");
    }

    /** A strobe lasts as long as its line, as a random schedule's strobe lasts its window. */
    @Test
    void aClockStrobeLastsItsLine() {
        Fault strobe = NemesisScript.parse("1 2.5 clock n2 strobe=-200 period=50", "s", NODES).schedule(NODES, 10 * SECOND)
                .faults().get(0).plan().resolve(view("n1"));
        assertThat(strobe).isEqualTo(new Fault.ClockFault(new ClockStrobe(-200, 50, 2500), sorted("n2")));
    }

    @Test
    void aWrongLineIsNamedWithItsFileAndNumber() {
        assertProblem("0 1 explode leader", "s.txt:1: unknown fault explode");
        assertProblem("# fine\n0 1 kill leader-1", "s.txt:2: unknown target leader-1");
        assertProblem("0 1 kill n9", "s.txt:1: unknown target n9");
        assertProblem("x 1 kill leader", "s.txt:1: the start must be a number, was x");
        assertProblem("0 0 kill leader", "s.txt:1: a fault lasts more than 0 seconds");
        assertProblem("0 1 kill leader | others", "s.txt:1: only a partition has two groups");
        assertProblem("0 1 kill leader delay=5", "s.txt:1: kill takes no parameter delay");
        assertProblem("0 1 link leader", "s.txt:1: a link fault needs loss, delay, duplicate or reorder");
        assertProblem("0 1 link leader loss=2", "s.txt:1: lossProbability");
        assertProblem("0 1 clock leader bump=5 rate=2", "s.txt:1: a clock fault takes exactly one of");
        assertProblem("0 1 clock leader strobe=5", "s.txt:1: a clock fault takes exactly one of");
        assertProblem("0 1 clock leader period=5 bump=5", "s.txt:1: a clock fault takes exactly one of");
        assertProblem("0 1 partition n1<n1,n2", "s.txt:1: n1 cannot drop its own messages");
        assertProblem("0 1 partition n1<", "s.txt:1: a one-way cut is NODES<PEERS");
        assertProblem("0 1 kill n1<n2", "s.txt:1: only a partition takes one-way cuts");
        assertProblem("0 1 disk leader", "s.txt:1: a disk fault needs delay=MILLIS");
        assertProblem("0 1 disk leader delay=100 loss=0.5", "s.txt:1: disk takes no parameter loss");
        assertProblem("0 1 disk leader delay=100 jitter=200", "s.txt:1: fsyncDelayJitterMillis");
        assertProblem("0 1 partition leader | leader", "overlap");
        assertProblem("0 1 partition leader | n2", "s.txt:1: the sides of a partition overlap: [n2] and [n2]");
        assertProblem("0 1 partition all", "s.txt:1: each side of a partition needs a node");
        assertProblem("repeat 2\n0 5 kill leader", "s.txt: repeat 2.0 is shorter than the script's 5.0 s");
        assertProblem("# nothing", "s.txt: a nemesis script needs at least one fault");
    }

    /** A slow disk under a power cut, on roles: what a script needs for bugs that acknowledge before fsync. */
    @Test
    void aDiskFaultSlowsTheFsyncsOfItsNodes() {
        FaultSchedule schedule = NemesisScript.parse("0 4 disk leader,leader+1 delay=300 jitter=50\n1 1 power-loss leader",
                "s.txt", NODES).schedule(NODES, 10 * SECOND);

        assertThat(schedule.kinds()).containsExactlyInAnyOrder(FaultKind.DISK, FaultKind.POWER_LOSS);
        assertThat(schedule.faults().get(0).plan().resolve(view("n3")))
                .isEqualTo(new Fault.DiskFault(new DiskFaults(300, 50), sorted("n1", "n3")));
        assertThat(schedule.faults().get(0).plan().describe()).containsEntry("targets", "leader,leader+1");
    }

    @Test
    void explicitPartitionsAreNeverDrawnAtRandom() {
        assertThat(PartitionShape.applicableTo(5)).doesNotContain(PartitionShape.EXPLICIT);
        assertThatThrownBy(() -> PartitionShape.EXPLICIT.grudge(NODES, Optional.empty())).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Over repeat periods and main-phase lengths: the passes that start within the main phase are
     * all there, each with every line that starts within it, and every fault is healed within it.
     */
    @Property(tries = 200)
    void everyFaultIsHealedWithinTheMainPhase(@ForAll @IntRange(min = 3, max = 20) int repeatSeconds,
            @ForAll @IntRange(min = 1, max = 90) int durationSeconds) {
        String text = "repeat " + repeatSeconds + "\n0 2 partition leader\n1 2 kill leader+1\n";
        FaultSchedule schedule = NemesisScript.parse(text, "s", NODES).schedule(NODES, durationSeconds * SECOND);

        int expected = 0;
        for (int pass = 0; pass * repeatSeconds < durationSeconds; pass++) {
            expected += pass * repeatSeconds + 1 < durationSeconds ? 2 : 1;
        }
        assertThat(schedule.faults()).hasSize(expected);
        assertThat(schedule.faults()).allSatisfy(fault -> {
            assertThat(fault.healNanos()).isLessThanOrEqualTo(durationSeconds * SECOND);
            assertThat(fault.startNanos()).isLessThan(fault.healNanos());
            assertThat(fault.startNanos()).isEqualTo(fault.window() * repeatSeconds * SECOND
                    + (fault.plan().kind() == FaultKind.KILL ? SECOND : 0));
        });
    }

    private static void assertProblem(String text, String message) {
        assertThatThrownBy(() -> NemesisScript.parse(text, "s.txt", NODES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static ClusterView view(String leader) {
        return ClusterView.of(NODES, Optional.of(leader));
    }

    private static SortedSet<String> sorted(String... nodes) {
        return new TreeSet<>(Set.of(nodes));
    }
}
