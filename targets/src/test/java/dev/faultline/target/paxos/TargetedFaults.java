package dev.faultline.target.paxos;

import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.target.common.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Faults aimed at the leader, on top of the simulator's random ones (Jepsen's targeted nemeses):
 * the shapes that expose particular bug classes quickly. Called from the workload hook every
 * round; each episode starts at a random round and ends (restart, heal) {@code episodeMillis}
 * later.
 */
final class TargetedFaults {
    enum Kind {
        /** A majority, the leader included, loses power at once: only fsynced records survive. */
        MAJORITY_POWER_LOSS,
        /** The leader and one follower stop hearing each other both ways; the third node hears both (a bridge). */
        BRIDGE_AROUND_LEADER,
        /** The leader is cut off from every peer and its wall clock steps back five seconds (as a bad NTP step). */
        ISOLATE_LEADER_AND_STEP_ITS_CLOCK_BACK
    }

    private final Kind kind;
    private final long episodeMillis;
    private final double startProbability;
    private final List<String> crashed = new ArrayList<>();
    private String stepped;
    private long episodeEndNanos = -1;

    /** @param startProbability chance per workload round that an episode starts when none is running */
    TargetedFaults(Kind kind, long episodeMillis, double startProbability) {
        this.kind = kind;
        this.episodeMillis = episodeMillis;
        this.startProbability = startProbability;
    }

    void next(Simulation<PaxosMessage, PaxosRecord> sim, RandomGenerator random) {
        if (episodeEndNanos >= 0) {
            if (sim.nowNanos() >= episodeEndNanos) {
                end(sim);
            }
            return;
        }
        String leader = leader(sim);
        if (leader == null || random.nextDouble() >= startProbability) {
            return;
        }
        List<String> others = new ArrayList<>(sim.nodes());
        others.remove(leader);
        String follower = others.get(random.nextInt(others.size()));
        episodeEndNanos = sim.nowNanos() + episodeMillis * 1_000_000L;
        switch (kind) {
            case MAJORITY_POWER_LOSS -> {
                crashed.add(leader);
                crashed.add(follower);
                crashed.forEach(node -> sim.crash(node, true));
            }
            case BRIDGE_AROUND_LEADER -> {
                sim.cutOneWay(leader, follower);
                sim.cutOneWay(follower, leader);
            }
            case ISOLATE_LEADER_AND_STEP_ITS_CLOCK_BACK -> {
                sim.partition(List.of(leader));
                sim.clock(leader, new ClockBump(-5_000));
                stepped = leader;
            }
        }
    }

    private void end(Simulation<PaxosMessage, PaxosRecord> sim) {
        for (String node : crashed) {
            if (!sim.isUp(node)) {
                sim.restart(node);
            }
        }
        crashed.clear();
        if (stepped != null) {
            sim.clock(stepped, new ClockReset());
            stepped = null;
        }
        if (kind != Kind.MAJORITY_POWER_LOSS) {
            sim.heal();
        }
        episodeEndNanos = -1;
    }

    private static String leader(Simulation<PaxosMessage, PaxosRecord> sim) {
        for (String node : sim.nodes()) {
            if (sim.isUp(node) && sim.core(node, PaxosCore.class).isLeader()) {
                return node;
            }
        }
        return null;
    }
}
