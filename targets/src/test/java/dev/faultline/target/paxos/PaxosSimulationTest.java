package dev.faultline.target.paxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.OpType;
import dev.faultline.target.common.sim.SimFaults;
import dev.faultline.target.common.sim.SimOptions;
import dev.faultline.target.common.sim.SimRunner;
import dev.faultline.target.common.sim.Simulation;
import dev.faultline.target.common.sim.SimulationFailure;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Goal: a Multi-Paxos cluster keeps Paxos's safety properties under every fault the simulator
 * has, and the simulator finds every planted bug. Method (TigerBeetle's VOPR, on the shared
 * simulator): three nodes (five in one test), register clients that ask a random node who leads,
 * crashes with power loss, partitions, message loss, delay, duplication and reordering, clock
 * bumps and rate changes, plus {@link TargetedFaults} aimed at the leader; {@link PaxosOracle} and
 * the stale-read check run after every step; then every fault heals and the cluster must agree on
 * one executed log. Seeds: {@value #SEEDS_DEFAULT} by
 * default, {@code -Dfaultline.paxos.seeds=N} for long runs.
 */
class PaxosSimulationTest {
    private static final int SEEDS_DEFAULT = 50;
    private static final SimRunner.Phases PHASES = new SimRunner.Phases(6_000, 10_000, 10);

    private static int seeds() {
        return Integer.getInteger("faultline.paxos.seeds", SEEDS_DEFAULT);
    }

    static Simulation<PaxosMessage, PaxosRecord> run(PaxosConfig config, SimFaults faults, long seed) {
        return run(3, config, faults, null, seed);
    }

    static Simulation<PaxosMessage, PaxosRecord> run(int nodes, PaxosConfig config, SimFaults faults, TargetedFaults targeted,
            long seed) {
        PaxosOracle oracle = new PaxosOracle();
        LeaderClients clients = new LeaderClients(3, 200, new SplittableRandom(seed * 31 + 7));
        return SimRunner.run(new PaxosTarget(config), SimOptions.defaults(nodes), faults, PHASES, seed,
                (sim, random) -> {
                    clients.next(sim);
                    if (targeted != null) {
                        targeted.next(sim, random);
                    }
                },
                sim -> {
                    oracle.check(sim);
                    clients.collect(sim);
                },
                PaxosSimulationTest::converged);
    }

    /** One leader, every node up and executed through everything it has chosen, no client waiting. */
    private static boolean converged(Simulation<PaxosMessage, PaxosRecord> sim) {
        if (sim.pendingRequests() > 0) {
            return false;
        }
        PaxosCore leader = null;
        for (String node : sim.nodes()) {
            PaxosCore core = sim.core(node, PaxosCore.class);
            if (core == null) {
                return false;
            }
            if (core.isLeader()) {
                if (leader != null) {
                    return false;
                }
                leader = core;
            }
        }
        if (leader == null) {
            return false;
        }
        long chosen = leader.learner().chosenThroughSlot();
        return sim.nodes().stream().allMatch(node -> sim.core(node, PaxosCore.class).learner().executedSlot() == chosen);
    }

    private static PaxosConfig simulated() {
        return PaxosConfig.defaults().withSnapshotEverySlots(40);
    }

    @Test
    void theCorrectClusterStaysSafeAndConvergesUnderEveryFault() {
        long writes = 0;
        long crashes = 0;
        long lost = 0;
        for (long seed = 1; seed <= seeds(); seed++) {
            Simulation<PaxosMessage, PaxosRecord> sim = run(simulated(), SimFaults.everything(3), seed);
            crashes += sim.stats().crashes();
            lost += sim.stats().messagesLost();
            writes += sim.history().stream().filter(op -> op.f().equals("write") && op.type() == OpType.OK).count();
        }
        assertThat(crashes).as("crashes over all seeds").isGreaterThan(seeds() / 2);
        assertThat(lost).as("messages lost over all seeds").isGreaterThan(seeds());
        assertThat(writes).as("acknowledged writes over all seeds").isGreaterThan(100L * seeds());
    }

    @Test
    void aFiveNodeClusterStaysSafeWithTwoNodesDown() {
        for (long seed = 1; seed <= Math.max(1, seeds() / 5); seed++) {
            run(5, simulated(), SimFaults.everything(5), null, seed);
        }
    }

    @Test
    void theCorrectClusterWithReadLeasesStaysSafe() {
        for (long seed = 1; seed <= Math.max(1, seeds() / 2); seed++) {
            run(3, simulated().withReadLease(true), SimFaults.everything(3), null, seed);
            run(3, simulated().withReadLease(true), SimFaults.none(), exposing(PaxosBug.LEASE_WALLCLOCK), seed);
        }
    }

    @Test
    void theCorrectClusterLosesNothingWhenAMajorityLosesPower() {
        for (long seed = 1; seed <= Math.max(1, seeds() / 2); seed++) {
            run(3, simulated(), SimFaults.none(), majorityPowerLoss(), seed);
        }
    }

    @Test
    void theCorrectClusterStaysSafeAcrossABridgeAroundTheLeader() {
        for (long seed = 1; seed <= Math.max(1, seeds() / 2); seed++) {
            run(3, simulated(), SimFaults.none(), bridges(), seed);
        }
    }

    private static TargetedFaults majorityPowerLoss() {
        return new TargetedFaults(TargetedFaults.Kind.MAJORITY_POWER_LOSS, 100, 0.02);
    }

    private static TargetedFaults bridges() {
        return new TargetedFaults(TargetedFaults.Kind.BRIDGE_AROUND_LEADER, 1_500, 0.02);
    }

    /** The targeted faults that expose {@code bug} fastest, or none when the simulator's random mix suffices. */
    private static TargetedFaults exposing(PaxosBug bug) {
        return switch (bug) {
            case ACCEPTOR_NO_FSYNC -> majorityPowerLoss();
            case ACCEPT_LOWER_BALLOT -> bridges();
            case LEASE_WALLCLOCK -> new TargetedFaults(TargetedFaults.Kind.ISOLATE_LEADER_AND_STEP_ITS_CLOCK_BACK, 1_500, 0.02);
            default -> null;
        };
    }

    @ParameterizedTest
    @EnumSource(PaxosBug.class)
    void eachPlantedBugIsCaughtWithASeedThatReplaysIt(PaxosBug bug) {
        PaxosConfig config = simulated().withBugs(Set.of(bug));
        SimulationFailure failure = null;
        for (long seed = 1; seed <= 40 && failure == null; seed++) {
            try {
                run(3, config, SimFaults.everything(3), exposing(bug), seed);
            } catch (SimulationFailure caught) {
                failure = caught;
            }
        }
        assertThat(failure).as("%s was found within 40 seeds", bug.flag()).isNotNull();
        assertThat(failure.getMessage()).startsWith("reproduce with seed=" + failure.seed() + ": safety phase at ");
        long seed = failure.seed();
        String message = failure.getMessage();
        assertThatThrownBy(() -> run(3, config, SimFaults.everything(3), exposing(bug), seed)).hasMessage(message);
    }
}
