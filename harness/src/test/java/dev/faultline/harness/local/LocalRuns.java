package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.run.TestConfig;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.schedule.FaultPlan;
import dev.faultline.nemesis.schedule.FaultSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the integration tests of {@code faultline test} against real nodes share besides
 * {@link LocalRunTest}: choosing a seed whose (deterministic) fault schedule holds what a test
 * needs, so that the test does not depend on luck, and making sure no node process outlives a test.
 */
public final class LocalRuns {
    private LocalRuns() {}

    /** The first seed from 1 whose schedule for these settings satisfies {@code wanted}. */
    static long firstSeed(Set<FaultKind> kinds, int nodes, Duration interval, Duration timeLimit,
            Predicate<List<FaultPlan>> wanted) {
        return firstSeed(kinds, TestConfig.builder().target("memory").nodeCount(nodes).workload("set")
                .nemesisInterval(interval).timeLimit(timeLimit), Long.MAX_VALUE, wanted);
    }

    /** {@link #seedCovering(Set, TestConfig.Builder)} for a run of {@code nodes} memory nodes. */
    public static long seedCovering(Set<FaultKind> kinds, int nodes, Duration interval, Duration timeLimit) {
        return seedCovering(kinds, TestConfig.builder().target("memory").nodeCount(nodes).workload("set")
                .nemesisInterval(interval).timeLimit(timeLimit));
    }

    /**
     * The first seed whose schedule for {@code run} holds every kind in the first half of the run:
     * the nemesis applies faults one after another, and a kill or power loss (a restart, and 2 s of
     * unsynced exposure before it) delays what follows, so a fault planned near the end may not
     * start before the main phase ends.
     */
    static long seedCovering(Set<FaultKind> kinds, TestConfig.Builder run) {
        return firstSeed(kinds, run, run.build().timeLimit().toNanos() / 2,
                plans -> plans.stream().map(FaultPlan::kind).collect(Collectors.toSet()).equals(kinds));
    }

    /** The first seed from 1 whose schedule's faults starting before {@code startsBeforeNanos} satisfy {@code wanted}. */
    static long firstSeed(Set<FaultKind> kinds, TestConfig.Builder run, long startsBeforeNanos,
            Predicate<List<FaultPlan>> wanted) {
        for (long seed = 1; ; seed++) {
            TestConfig config = run.nemesis(kinds).seed(seed).build();
            List<FaultPlan> plans = FaultSchedule.plan(config.scheduleConfig(), config.seedFor("nemesis")).faults().stream()
                    .filter(fault -> fault.startNanos() < startsBeforeNanos)
                    .map(fault -> fault.plan()).toList();
            if (wanted.test(plans)) {
                return seed;
            }
        }
    }

    /** Kills (by PID) every child process of this JVM still alive, waits for each to end, and returns them. */
    static List<ProcessHandle> stopLeftoverNodes() throws Exception {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) {
            process.onExit().get();
        }
        return left;
    }

    /** Fails if a child process of this JVM is still alive, after killing each one by PID. */
    static void assertNoNodeLeft() throws Exception {
        assertThat(stopLeftoverNodes()).as("node processes left running (now killed by PID)").isEmpty();
    }
}
