package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.target.common.sim.SimFaults;
import dev.faultline.target.common.sim.SimOptions;
import dev.faultline.target.common.sim.SimRunner;
import dev.faultline.target.common.sim.Simulation;
import dev.faultline.target.common.sim.SimulationFailure;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Goal: a ZAB cluster keeps the protocol's safety properties ({@link BroadcastChecker}) and
 * ZooKeeper's client guarantees ({@link RegisterClients}) after every step of a seeded run with
 * message loss, duplication and reordering, partitions, crashes with power loss and clock skew,
 * then converges once healed; and each planted bug breaks one of them, with a seed that replays
 * the failure (TigerBeetle's VOPR, on the shared {@link SimRunner}).
 *
 * <p>Cost: about 0.2 s per seed and scenario on a loaded 2-core machine; the default
 * {@code faultline.zab.seeds=8} keeps the class near 15 s. Long runs:
 * {@code -Dfaultline.zab.seeds=200}.
 */
class ZabSimulationTest {
    private static final long SEEDS = Long.getLong("faultline.zab.seeds", 8);
    private static final SimRunner.Phases PHASES = new SimRunner.Phases(8_000, 10_000, 20);
    /**
     * Crashes of up to all but one of three nodes, each losing what was not fsynced, with
     * partitions: the shape of the epoch and durability bugs (ZOOKEEPER-3911, -582), which need a
     * majority to restart around a leader change.
     */
    private static final SimFaults CRASHES = new SimFaults(100, 0.2, 1.0, 0.5, 2, 0.2, 0.2, LinkFaults.NONE, 0, 0, 0, 0);
    /** Partitions only, so nothing but isolation makes reads stale. */
    private static final SimFaults PARTITIONS = new SimFaults(200, 0, 0, 0, 0, 0.4, 0.2, LinkFaults.NONE, 0, 0, 0, 0);

    private record Scenario(String name, int nodes, ZabConfig config, SimFaults faults) {}

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("3 voters, every fault, read=local, snapshots every 50 txns", 3,
                    ZabConfig.defaults().with(0, false, 50, Set.of()).withRetainedTxns(20), SimFaults.everything(3)),
            new Scenario("5 voters, every fault, read=sync", 5,
                    ZabConfig.defaults().with(0, true, 10_000, Set.of()), SimFaults.everything(5)),
            new Scenario("3 voters and 2 observers, every fault, read=local, snapshots every 50 txns", 5,
                    ZabConfig.defaults().with(2, false, 50, Set.of()).withRetainedTxns(20), SimFaults.everything(5)),
            new Scenario("3 voters, majority crashes with power loss, read=sync, 40 zxids per epoch", 3,
                    ZabConfig.defaults().with(0, true, 30, Set.of()).withCounterLimit(40), CRASHES));

    /** One run: six register clients (two per node, on two keys) that move between nodes. */
    private static final class Run {
        final BroadcastChecker checker = new BroadcastChecker();
        final RegisterClients clients;
        final Simulation<ZabMessage, ZabRecord> sim;

        Run(int nodes, ZabConfig config, SimFaults faults, long seed) {
            SimOptions options = SimOptions.defaults(nodes);
            clients = new RegisterClients(checker, options.nodes(), 2, config.syncReads(), 0.05);
            sim = SimRunner.run(new ZabTarget(config, checker), options, faults, PHASES, seed, clients::next, clients::check,
                    ZabSimulationTest::converged);
        }
    }

    /** Every node up, serving, with the same delivered state, and every client request answered. */
    private static boolean converged(Simulation<ZabMessage, ZabRecord> sim) {
        if (sim.pendingRequests() > 0) {
            return false;
        }
        Zxid delivered = null;
        for (String node : sim.nodes()) {
            ZabCore core = sim.core(node, ZabCore.class);
            if (core == null || !core.serving() || (delivered != null && !delivered.equals(core.delivered()))) {
                return false;
            }
            delivered = core.delivered();
        }
        return true;
    }

    @Test
    void aCorrectClusterKeepsZabSafetyAndZooKeepersClientGuaranteesUnderEveryFault() {
        long epochs = 0;
        long snapshotsInstalled = 0;
        long faults = 0;
        for (Scenario scenario : SCENARIOS) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                Run run = new Run(scenario.nodes(), scenario.config(), scenario.faults(), seed);
                assertThat(run.checker.deliveredCount()).as("%s, seed %d: txns delivered", scenario.name(), seed)
                        .isGreaterThan(50);
                assertThat(run.clients.okReads()).as("%s, seed %d: reads checked", scenario.name(), seed).isPositive();
                faults += run.sim.stats().crashes() + run.sim.stats().messagesBlocked() + run.sim.stats().messagesLost();
                epochs += run.checker.epochsEstablished();
                snapshotsInstalled += run.checker.snapshotsInstalled();
            }
        }
        assertThat(faults).as("faults happened").isPositive();
        assertThat(epochs).as("leaders changed").isGreaterThan(SCENARIOS.size() * SEEDS);
        assertThat(snapshotsInstalled).as("some learners were synced with SNAP").isPositive();
    }

    @Test
    void localReadsGoStaleUnderPartitionsWhileStayingSequentiallyConsistent() {
        long staleReads = 0;
        for (long seed = 1; seed <= 3; seed++) {
            staleReads += new Run(3, ZabConfig.defaults(), PARTITIONS, seed).clients.staleReads();
        }
        assertThat(staleReads).as("read=local serves a partitioned follower's old state: not linearizable").isPositive();
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        ZabConfig config = SCENARIOS.get(0).config();
        Run first = new Run(3, config, SimFaults.everything(3), 42);
        Run second = new Run(3, config, SimFaults.everything(3), 42);
        assertThat(second.sim.traceHash()).isEqualTo(first.sim.traceHash());
        assertThat(second.sim.history()).isEqualTo(first.sim.history());
    }

    /** The faults that expose each bug, and the words of the property it breaks. */
    private static SimFaults faultsFor(Bug bug) {
        return switch (bug) {
            case ACK_NEWLEADER_BEFORE_FSYNC, EPOCH_FROM_LOG_ONLY -> CRASHES;
            default -> SimFaults.everything(3);
        };
    }

    private static String brokenPropertyOf(Bug bug) {
        return switch (bug) {
            case SYNC_SKIP_TRUNC -> "that no server delivered";
            case ACK_NEWLEADER_BEFORE_FSYNC -> "without delivered";
            case EPOCH_FROM_LOG_ONLY -> "established epoch";
            case SKIP_ZXID_CHECK_ON_CONNECT -> "saw position";
            case COMMIT_OUT_OF_ORDER -> "skipping";
        };
    }

    @ParameterizedTest
    @EnumSource(Bug.class)
    void eachPlantedBugBreaksAPropertyWithASeedThatReplaysIt(Bug bug) {
        ZabConfig config = ZabConfig.defaults().with(0, false, 50, Set.of(bug));
        SimulationFailure failure = null;
        for (long seed = 1; seed <= 20 && failure == null; seed++) {
            try {
                new Run(3, config, faultsFor(bug), seed);
            } catch (SimulationFailure caught) {
                failure = caught;
            }
        }
        assertThat(failure).as("%s was caught within 20 seeds", bug.flag()).isNotNull();
        assertThat(failure.getMessage()).startsWith("reproduce with seed=" + failure.seed()).contains(brokenPropertyOf(bug));
        long seed = failure.seed();
        String message = failure.getMessage();
        assertThatThrownBy(() -> new Run(3, config, faultsFor(bug), seed)).hasMessage(message);
    }
}
