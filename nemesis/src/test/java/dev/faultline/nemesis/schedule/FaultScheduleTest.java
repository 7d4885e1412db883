package dev.faultline.nemesis.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.TargetChoice;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.nemesis.agent.DiskFaults;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The schedule's promises, over random configurations and seeds: it is a function of the seed;
 * faults come in windows separated by recovery windows of at least half the interval; every
 * fault is healed before the main phase ends; a window never holds two faults of one kind or two
 * process faults; only the configured kinds, targets and shapes appear.
 */
class FaultScheduleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

    @Provide
    Arbitrary<Set<FaultKind>> kinds() {
        return Arbitraries.of(FaultKind.class).set().ofMinSize(1);
    }

    private static ScheduleConfig config(Set<FaultKind> kinds, int intervalSeconds, int durationSeconds, double compound) {
        ScheduleConfig defaults = ScheduleConfig.of(NODES, kinds, intervalSeconds * SECOND, durationSeconds * SECOND);
        return new ScheduleConfig(NODES, kinds, defaults.intervalNanos(), defaults.durationNanos(), defaults.targets(),
                defaults.shapes(), compound);
    }

    @Property
    void theSameSeedGivesTheSameSchedule(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        ScheduleConfig config = config(kinds, 5, 120, 0.35);
        assertThat(FaultSchedule.plan(config, seed)).isEqualTo(FaultSchedule.plan(config, seed));
    }

    @Property
    void windowsAreSeparatedByRecoveryAndEndBeforeTheMainPhase(@ForAll("kinds") Set<FaultKind> kinds,
            @ForAll @IntRange(min = 1, max = 20) int intervalSeconds, @ForAll @IntRange(min = 1, max = 300) int durationSeconds,
            @ForAll long seed) {
        ScheduleConfig config = config(kinds, intervalSeconds, durationSeconds, 0.35);
        long interval = config.intervalNanos();
        Map<Integer, List<ScheduledFault>> windows = FaultSchedule.plan(config, seed).faults().stream()
                .collect(Collectors.groupingBy(ScheduledFault::window, TreeMap::new, Collectors.toList()));
        long previousHeal = 0;
        int expectedWindow = 0;
        for (Map.Entry<Integer, List<ScheduledFault>> entry : windows.entrySet()) {
            assertThat(entry.getKey()).isEqualTo(expectedWindow++);
            List<ScheduledFault> faults = entry.getValue();
            long start = faults.get(0).startNanos();
            long heal = faults.get(0).healNanos();
            assertThat(faults).allMatch(fault -> fault.startNanos() == start && fault.healNanos() == heal);
            assertThat(start - previousHeal).as("recovery before window %d", entry.getKey()).isGreaterThanOrEqualTo(interval / 2);
            assertThat(heal - start).isBetween(interval / 4, interval / 2 + interval);
            assertThat(heal).isLessThanOrEqualTo(config.durationNanos());
            previousHeal = heal;
        }
    }

    @Property
    void aWindowHoldsDistinctKindsAndAtMostOneProcessFault(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        ScheduleConfig config = config(kinds, 2, 200, 0.9);
        Map<Integer, List<ScheduledFault>> windows = FaultSchedule.plan(config, seed).faults().stream()
                .collect(Collectors.groupingBy(ScheduledFault::window));
        for (List<ScheduledFault> faults : windows.values()) {
            List<FaultKind> inWindow = faults.stream().map(fault -> fault.plan().kind()).toList();
            assertThat(inWindow).doesNotHaveDuplicates().allMatch(kinds::contains);
            assertThat(inWindow.stream().filter(FaultKind::isProcessFault).count()).isLessThanOrEqualTo(1);
        }
    }

    @Property
    void withoutCompoundWindowsEachWindowHoldsOneFault(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        FaultSchedule schedule = FaultSchedule.plan(config(kinds, 3, 100, 0), seed);
        assertThat(schedule.faults()).extracting(ScheduledFault::window)
                .containsExactlyElementsOf(schedule.faults().stream().map(ScheduledFault::id).toList());
    }

    @Property(tries = 200)
    void aLongEnoughPhaseHasAWindowAndEveryKindShowsUpOverALongRun(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        assertThat(FaultSchedule.plan(config(kinds, 10, 18, 0.35), seed).faults()).isNotEmpty();
        Set<FaultKind> seen = FaultSchedule.plan(config(kinds, 1, 3_000, 0.35), seed).faults().stream()
                .map(fault -> fault.plan().kind()).collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class)));
        assertThat(seen).isEqualTo(kinds);
    }

    @Property
    void stepsStartAndHealEveryFaultInTimeOrder(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        FaultSchedule schedule = FaultSchedule.plan(config(kinds, 2, 60, 0.5), seed);
        List<FaultSchedule.Step> steps = schedule.steps();
        assertThat(steps).hasSize(schedule.faults().size() * 2);
        Set<Integer> inForce = new java.util.HashSet<>();
        long time = 0;
        for (FaultSchedule.Step step : steps) {
            assertThat(step.atNanos()).isGreaterThanOrEqualTo(time);
            time = step.atNanos();
            if (step.action() == FaultSchedule.Step.Action.START) {
                assertThat(inForce.add(step.fault().id())).isTrue();
            } else {
                assertThat(inForce.remove(step.fault().id())).isTrue();
            }
        }
        assertThat(inForce).as("everything healed at the end").isEmpty();
    }

    @Property
    void aWindowStartsItsProcessFaultAfterItsOtherFaults(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        List<FaultSchedule.Step> steps = FaultSchedule.plan(config(kinds, 2, 60, 0.9), seed).steps();
        Map<Integer, Boolean> processStarted = new TreeMap<>();
        for (FaultSchedule.Step step : steps) {
            if (step.action() != FaultSchedule.Step.Action.START) {
                continue;
            }
            int window = step.fault().window();
            boolean process = step.fault().plan().kind().isProcessFault();
            assertThat(processStarted.getOrDefault(window, false)).as("window %d starts something after its process fault", window)
                    .isFalse();
            processStarted.put(window, process);
        }
    }

    @Property
    void plansResolveToFaultsOnConfiguredNodes(@ForAll("kinds") Set<FaultKind> kinds, @ForAll long seed) {
        ClusterView view = ClusterView.of(NODES, Optional.of("n2"));
        for (ScheduledFault scheduled : FaultSchedule.plan(config(kinds, 2, 60, 0.5), seed).faults()) {
            Fault fault = scheduled.plan().resolve(view);
            assertThat(fault.kind()).isEqualTo(scheduled.plan().kind());
            assertThat(NODES).containsAll(fault.nodes());
            assertThat(fault.nodes()).isNotEmpty();
            assertThat(scheduled.plan().order()).containsExactlyInAnyOrderElementsOf(NODES);
            if (scheduled.plan() instanceof FaultPlan.NodesPlan plan && plan.change() instanceof ClockStrobe strobe) {
                assertThat(strobe.durationMillis()).as("a strobe lasts its window")
                        .isEqualTo((scheduled.healNanos() - scheduled.startNanos()) / 1_000_000);
            }
            if (fault instanceof Fault.DiskFault disk) {
                assertThat(disk.faults().fsyncDelayMeanMillis()).as("fsync stalls of 16 to 512 ms").isBetween(16L, 512L);
                assertThat(disk.faults().fsyncDelayJitterMillis()).isEqualTo(disk.faults().fsyncDelayMeanMillis() / 2);
            }
        }
    }

    @Test
    void noKindsNoFaults() {
        assertThat(FaultSchedule.plan(ScheduleConfig.of(NODES, Set.of(), SECOND, 60 * SECOND), 1).faults()).isEmpty();
    }

    @Test
    void onlyTheConfiguredTargetsAppear() {
        ScheduleConfig defaults = ScheduleConfig.of(NODES, EnumSet.of(FaultKind.KILL), SECOND, 600 * SECOND);
        ScheduleConfig leaderOnly = new ScheduleConfig(NODES, defaults.kinds(), SECOND, 600 * SECOND,
                List.of(TargetChoice.LEADER), defaults.shapes(), 0);
        assertThat(FaultSchedule.plan(leaderOnly, 7).faults()).isNotEmpty()
                .allMatch(fault -> ((FaultPlan.NodesPlan) fault.plan()).targets() == TargetChoice.LEADER);
    }

    @Test
    void peerFaultsNeedPeers() {
        assertThatThrownBy(() -> ScheduleConfig.of(List.of("n1"), EnumSet.of(FaultKind.PARTITION), SECOND, SECOND))
                .hasMessageContaining("need at least 2 nodes, the cluster has 1");
        assertThat(ScheduleConfig.of(List.of("n1"), EnumSet.of(FaultKind.KILL, FaultKind.CLOCK), SECOND, SECOND).kinds())
                .hasSize(2);
    }

    @Test
    void aDiskPlanDescribesItsDelaysAndItsFaultTheNodes() {
        FaultPlan plan = new FaultPlan.NodesPlan(FaultKind.DISK, new DiskFaults(100, 50), TargetChoice.MAJORITY, NODES);
        assertThat(plan.describe()).isEqualTo(Map.of("kind", "disk", "targets", "majority",
                "fsyncDelayMeanMillis", 100L, "fsyncDelayJitterMillis", 50L));
        assertThat(plan.resolve(ClusterView.of(NODES, Optional.empty())).describe()).isEqualTo(Map.of("kind", "disk",
                "nodes", List.of("n1", "n2", "n3"), "fsyncDelayMeanMillis", 100L,
                "fsyncDelayJitterMillis", 50L));
    }

    @Test
    void aPlanDescribesItsChoicesAndItsFaultTheNodes() {
        FaultPlan plan = new FaultPlan.NodesPlan(FaultKind.PAUSE, null, TargetChoice.LEADER, NODES);
        assertThat(plan.describe()).isEqualTo(Map.of("kind", "pause", "targets", "leader"));
        assertThat(plan.resolve(ClusterView.of(NODES, Optional.of("n4"))).describe())
                .isEqualTo(Map.of("kind", "pause", "nodes", List.of("n4")));
    }
}
