package dev.faultline.target.common.sim;

import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.target.common.core.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Runs a protocol through a seeded fault schedule, VOPR style (TigerBeetle {@code src/vopr.zig}):
 * a <b>safety phase</b> with faults drawn from {@link SimFaults} and requests from a
 * {@link Workload}, the {@link Invariant} checked after every step; then a <b>liveness phase</b>
 * where every fault is healed and every node restarted, which must reach {@code converged} in time.
 * Any failure becomes a {@link SimulationFailure} whose message starts with
 * {@code reproduce with seed=N}.
 */
public final class SimRunner {
    private SimRunner() {}

    /** Submits the requests of one workload round, e.g. one random op from each idle client. */
    @FunctionalInterface
    public interface Workload<M, R> {
        void next(Simulation<M, R> sim, RandomGenerator random);
    }

    /** A safety property; throws {@link AssertionError} (or any exception) when it is broken. */
    @FunctionalInterface
    public interface Invariant<M, R> {
        void check(Simulation<M, R> sim);
    }

    /**
     * @param safetyMillis simulated time with faults
     * @param livenessMillis simulated time allowed to converge once everything is healed
     * @param requestIntervalMillis simulated time between two workload rounds (safety phase only)
     */
    public record Phases(long safetyMillis, long livenessMillis, long requestIntervalMillis) {
        public Phases {
            if (safetyMillis < 0 || livenessMillis < 0 || requestIntervalMillis <= 0) {
                throw new IllegalArgumentException("phases need safetyMillis, livenessMillis >= 0 and requestIntervalMillis > 0");
            }
        }
    }

    /**
     * Runs one seed.
     *
     * @param converged must hold by the end of the liveness phase (e.g. every request answered and
     *     every node agreeing); {@code sim -> true} to skip
     * @return the finished simulation, for further checks (its history, say)
     * @throws SimulationFailure when anything breaks
     */
    public static <M, R> Simulation<M, R> run(Protocol<M, R> protocol, SimOptions options, SimFaults faults,
            Phases phases, long seed, Workload<M, R> workload, Invariant<M, R> invariant,
            Predicate<Simulation<M, R>> converged) {
        Simulation<M, R> sim = null;
        String phase = "start";
        try {
            sim = new Simulation<>(protocol, options, seed);
            SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            phase = "safety";
            long safetyEnd = sim.nowNanos() + phases.safetyMillis() * 1_000_000L;
            long nextFault = faults.faultIntervalMillis() * 1_000_000L;
            long nextRequest = 0;
            while (sim.nowNanos() < safetyEnd) {
                long until = Math.min(safetyEnd, Math.min(nextFault, nextRequest));
                runChecked(sim, until, invariant);
                if (sim.nowNanos() >= nextRequest) {
                    workload.next(sim, random);
                    nextRequest += phases.requestIntervalMillis() * 1_000_000L;
                }
                if (sim.nowNanos() >= nextFault) {
                    injectFaults(sim, faults, random);
                    nextFault += faults.faultIntervalMillis() * 1_000_000L;
                }
            }
            phase = "liveness";
            healEverything(sim);
            long livenessEnd = sim.nowNanos() + phases.livenessMillis() * 1_000_000L;
            while (!converged.test(sim)) {
                if (sim.nowNanos() >= livenessEnd) {
                    throw new AssertionError("did not converge within " + phases.livenessMillis() + " ms after healing");
                }
                runChecked(sim, Math.min(livenessEnd, sim.nowNanos() + 10_000_000L), invariant);
            }
            return sim;
        } catch (SimulationFailure failure) {
            throw failure;
        } catch (Throwable broken) {
            long at = sim == null ? 0 : sim.nowNanos() / 1_000_000L;
            throw new SimulationFailure(seed, phase + " phase at " + at + " ms", broken,
                    sim == null ? "" : sim.traceTail());
        }
    }

    /** Steps through every event due up to {@code untilNanos}, checking the invariant after each. */
    private static <M, R> void runChecked(Simulation<M, R> sim, long untilNanos, Invariant<M, R> invariant) {
        while (sim.nextEventNanos() <= untilNanos) {
            sim.step();
            invariant.check(sim);
        }
        sim.advanceTo(untilNanos);
    }

    private static <M, R> void injectFaults(Simulation<M, R> sim, SimFaults faults, SplittableRandom random) {
        List<String> nodes = sim.nodes();
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (String node : nodes) {
            (sim.isUp(node) ? up : down).add(node);
        }
        if (!up.isEmpty() && down.size() < faults.crashedMax() && random.nextDouble() < faults.crashProbability()) {
            String victim = up.get(random.nextInt(up.size()));
            sim.crash(victim, random.nextDouble() < faults.powerLossProbability());
        }
        if (!down.isEmpty() && random.nextDouble() < faults.restartProbability()) {
            sim.restart(down.get(random.nextInt(down.size())));
        }
        if (nodes.size() > 1 && random.nextDouble() < faults.partitionProbability()) {
            partition(sim, nodes, random);
        }
        if (random.nextDouble() < faults.healProbability()) {
            sim.heal();
        }
        if (!faults.links().isNone() && random.nextDouble() < faults.linkFaultProbability()) {
            sim.linkFaults(nodes.get(random.nextInt(nodes.size())), faults.links());
        }
        if (random.nextDouble() < faults.clockProbability()) {
            skewClock(sim, nodes.get(random.nextInt(nodes.size())), faults, random);
        }
    }

    private static <M, R> void partition(Simulation<M, R> sim, List<String> nodes, SplittableRandom random) {
        if (random.nextBoolean()) {
            List<String> shuffled = new ArrayList<>(nodes);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                Collections.swap(shuffled, i, random.nextInt(i + 1));
            }
            int minority = 1 + random.nextInt(Math.max(1, (nodes.size() - 1) / 2));
            sim.partition(shuffled.subList(0, minority));
        } else {
            String from = nodes.get(random.nextInt(nodes.size()));
            String to = nodes.get(random.nextInt(nodes.size()));
            if (!from.equals(to)) {
                sim.cutOneWay(from, to);
            }
        }
    }

    private static <M, R> void skewClock(Simulation<M, R> sim, String node, SimFaults faults, SplittableRandom random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                long bound = faults.clockOffsetMillisMax();
                sim.clock(node, new ClockBump(bound == 0 ? 0 : random.nextLong(-bound, bound + 1)));
            }
            case 1 -> {
                double deviation = faults.clockRateDeviationMax();
                sim.clock(node, new ClockRate(1 + (deviation == 0 ? 0 : random.nextDouble(-deviation, deviation))));
            }
            default -> sim.clock(node, new ClockReset());
        }
    }

    /** Ends every fault: network healed, clocks reset, every crashed node restarted. */
    public static <M, R> void healEverything(Simulation<M, R> sim) {
        sim.heal();
        for (String node : sim.nodes()) {
            sim.clock(node, new ClockReset());
            if (!sim.isUp(node)) {
                sim.restart(node);
            }
        }
    }
}
