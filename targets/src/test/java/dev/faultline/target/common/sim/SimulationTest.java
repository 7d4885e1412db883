package dev.faultline.target.common.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.target.TargetRegistry;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.memory.MemoryRecord;
import dev.faultline.target.ping.Ping;
import dev.faultline.target.ping.PingTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: the simulator is deterministic and applies every fault kind. Method: a cluster of ping
 * cores (they ping every peer every tick and count what arrives) for network and clock faults,
 * and the memory core for disks, crashes and clients.
 */
class SimulationTest {
    private static final PingTarget PING = new PingTarget(1);

    private static Simulation<Ping, Nothing> pingCluster(long seed) {
        return new Simulation<>(PING, SimOptions.defaults(3), seed);
    }

    @SuppressWarnings("unchecked")
    private static Protocol<Nothing, MemoryRecord> memory(Set<String> bugs) {
        return (Protocol<Nothing, MemoryRecord>) TargetRegistry.builtIn().find("memory").create(bugs, Map.of());
    }

    /** Pings {@code node} has received from {@code peer}, from its status. */
    private static long heard(Simulation<Ping, Nothing> sim, String node, String peer) {
        Map<?, ?> heard = (Map<?, ?>) sim.status(node).extra().get("heard");
        return (Long) ((Map<?, ?>) heard.get(peer)).get("received");
    }

    private static long peerCounter(Simulation<Ping, Nothing> sim, String node, String peer, String counter) {
        Map<?, ?> heard = (Map<?, ?>) sim.status(node).extra().get("heard");
        return (Long) ((Map<?, ?>) heard.get(peer)).get(counter);
    }

    @Test
    void theSameSeedReplaysTheSameRunAndAnotherSeedDoesNot() {
        SimRunner.Phases phases = new SimRunner.Phases(3_000, 500, 20);
        SimRunner.Workload<Ping, Nothing> workload = (sim, random) ->
                sim.submit(sim.nodes().get(random.nextInt(3)), KvRequest.read("x", random.nextInt(5), 0));
        SimOptions options = SimOptions.defaults(3).withFullTrace();
        Simulation<Ping, Nothing> first = SimRunner.run(PING, options, SimFaults.everything(3), phases, 42, workload,
                sim -> { }, sim -> true);
        Simulation<Ping, Nothing> again = SimRunner.run(PING, options, SimFaults.everything(3), phases, 42, workload,
                sim -> { }, sim -> true);
        Simulation<Ping, Nothing> other = SimRunner.run(PING, options, SimFaults.everything(3), phases, 43, workload,
                sim -> { }, sim -> true);
        assertThat(first.trace()).hasSizeGreaterThan(1_000).isEqualTo(again.trace());
        assertThat(first.traceHash()).isEqualTo(again.traceHash()).isNotEqualTo(other.traceHash());
        assertThat(first.history()).isEqualTo(again.history());
        assertThat(first.stats().toString()).isEqualTo(again.stats().toString());
    }

    @Test
    void aPartitionCutsTheMinorityOffBothWaysUntilHealed() {
        Simulation<Ping, Nothing> sim = pingCluster(1);
        sim.runFor(200);
        assertThat(heard(sim, "n2", "n1")).isPositive();
        sim.partition(Set.of("n1"));
        sim.runFor(50);
        long n2FromN1 = heard(sim, "n2", "n1");
        long n1FromN3 = heard(sim, "n1", "n3");
        long n3FromN2 = heard(sim, "n3", "n2");
        sim.runFor(500);
        assertThat(heard(sim, "n2", "n1")).isEqualTo(n2FromN1);
        assertThat(heard(sim, "n1", "n3")).isEqualTo(n1FromN3);
        assertThat(heard(sim, "n3", "n2")).isGreaterThan(n3FromN2 + 30);
        assertThat(sim.stats().messagesBlocked()).isPositive();
        sim.heal();
        sim.runFor(200);
        assertThat(heard(sim, "n2", "n1")).isGreaterThan(n2FromN1 + 10);
    }

    @Test
    void aOneWayCutSilencesOnlyOneDirection() {
        Simulation<Ping, Nothing> sim = pingCluster(2);
        sim.runFor(100);
        sim.cutOneWay("n1", "n2");
        sim.runFor(50);
        long n2FromN1 = heard(sim, "n2", "n1");
        long n1FromN2 = heard(sim, "n1", "n2");
        sim.runFor(500);
        assertThat(heard(sim, "n2", "n1")).isEqualTo(n2FromN1);
        assertThat(heard(sim, "n1", "n2")).isGreaterThan(n1FromN2 + 30);
    }

    @Test
    void totalLossSilencesANodeAndPartialLossThinsItsTraffic() {
        Simulation<Ping, Nothing> sim = pingCluster(3);
        sim.runFor(100);
        sim.linkFaults("n1", LinkFaults.loss(1));
        sim.runFor(50);
        long before = heard(sim, "n2", "n1");
        sim.runFor(500);
        assertThat(heard(sim, "n2", "n1")).isEqualTo(before);
        sim.linkFaults("n1", LinkFaults.loss(0.5));
        long sentBefore = sim.stats().messagesSent();
        long lostBefore = sim.stats().messagesLost();
        sim.runFor(2_000);
        long sentByAll = sim.stats().messagesSent() - sentBefore;
        // n1 sends a third of the messages, and loses half of those.
        assertThat((sim.stats().messagesLost() - lostBefore) / (double) sentByAll).isBetween(0.12, 0.22);
    }

    @Test
    void duplicationAndReorderingShowUpAtTheReceiver() {
        Simulation<Ping, Nothing> sim = pingCluster(4);
        sim.linkFaults("n1", new LinkFaults(Set.of("n2"), 0, 0, 0, 0.5, 0.5, 100));
        sim.runFor(2_000);
        assertThat(peerCounter(sim, "n2", "n1", "duplicated") + peerCounter(sim, "n2", "n1", "reordered"))
                .isGreaterThan(50);
        assertThat(peerCounter(sim, "n2", "n1", "reordered")).isPositive();
        assertThat(peerCounter(sim, "n3", "n1", "duplicated") + peerCounter(sim, "n3", "n1", "reordered")).isZero();
        assertThat(sim.stats().messagesDuplicated()).isPositive();
    }

    @Test
    void delayedMessagesArriveOnlyAfterTheDelay() {
        Simulation<Ping, Nothing> sim = pingCluster(5);
        sim.runFor(100);
        sim.linkFaults("n1", LinkFaults.delay(300, 0));
        sim.runFor(10);
        long before = heard(sim, "n2", "n1");
        sim.runFor(250);
        assertThat(heard(sim, "n2", "n1")).isEqualTo(before);
        sim.runFor(200);
        assertThat(heard(sim, "n2", "n1")).isGreaterThan(before + 5);
    }

    @Test
    void clockFaultsChangeWhatTheCoreReadsAndHowOftenItTicks() {
        Simulation<Ping, Nothing> sim = pingCluster(6);
        sim.runFor(100);
        long skewBefore = sim.clockReading("n1").wallMillis() - sim.clockReading("n2").wallMillis();
        sim.clock("n1", new ClockBump(5_000));
        assertThat(sim.clockReading("n1").wallMillis() - sim.clockReading("n2").wallMillis())
                .isEqualTo(skewBefore + 5_000);
        sim.clock("n1", new ClockRate(2.0));
        long ticksN1 = (Long) sim.status("n1").extra().get("ticks");
        long ticksN2 = (Long) sim.status("n2").extra().get("ticks");
        sim.runFor(1_000);
        long fast = (Long) sim.status("n1").extra().get("ticks") - ticksN1;
        long normal = (Long) sim.status("n2").extra().get("ticks") - ticksN2;
        assertThat(normal).isBetween(99L, 101L);
        assertThat(fast).isBetween(199L, 201L);
    }

    @Test
    void powerLossLosesUnsyncedRecordsAndAPlainCrashDoesNot() {
        Simulation<Nothing, MemoryRecord> sim = new Simulation<>(memory(Set.of("ack-before-fsync")),
                SimOptions.defaults(1), 7);
        sim.submit("n1", KvRequest.write("x", 1L, 0, 1));
        sim.runFor(20);
        assertThat(sim.unsyncedRecords("n1")).isEqualTo(1);
        sim.crash("n1", false);
        sim.restart("n1");
        sim.submit("n1", KvRequest.read("x", 0, 2));
        sim.runFor(20);
        assertThat(lastCompletion(sim).value()).isEqualTo(1L);
        sim.crash("n1", true);
        sim.restart("n1");
        sim.submit("n1", KvRequest.read("x", 0, 3));
        sim.runFor(20);
        assertThat(lastCompletion(sim).type()).isEqualTo(OpType.OK);
        assertThat(lastCompletion(sim).value()).isNull();
    }

    @Test
    void syncedRecordsSurvivePowerLoss() {
        Simulation<Nothing, MemoryRecord> sim = new Simulation<>(memory(Set.of()), SimOptions.defaults(1), 8);
        sim.submit("n1", KvRequest.write("x", 1L, 0, 1));
        sim.runFor(20);
        assertThat(sim.unsyncedRecords("n1")).isZero();
        sim.crash("n1", true);
        sim.restart("n1");
        sim.submit("n1", KvRequest.read("x", 0, 2));
        sim.runFor(20);
        assertThat(lastCompletion(sim).value()).isEqualTo(1L);
    }

    @Test
    void clientsSeeRefusalWhenTheNodeIsDownAndInfoWhenItCrashesUnderThem() {
        Simulation<Nothing, MemoryRecord> sim = new Simulation<>(memory(Set.of()), SimOptions.defaults(1), 9);
        sim.submit("n1", KvRequest.write("x", 1L, 0, 1));
        sim.crash("n1", false);
        assertThat(lastCompletion(sim).type()).isEqualTo(OpType.INFO);
        assertThat(lastCompletion(sim).error()).isEqualTo(KvErrors.CONNECTION_LOST);
        sim.submit("n1", KvRequest.write("x", 2L, 0, 2));
        assertThat(lastCompletion(sim).type()).isEqualTo(OpType.FAIL);
        assertThat(lastCompletion(sim).error()).isEqualTo(KvErrors.CONNECTION_REFUSED);
        sim.runFor(100);
        assertThat(sim.pendingRequests()).isZero();
        assertThat(sim.history()).hasSize(4);
    }

    private static Op lastCompletion(Simulation<?, ?> sim) {
        List<Op> history = sim.history();
        Op last = history.get(history.size() - 1);
        assertThat(last.type()).isNotEqualTo(OpType.INVOKE);
        return last;
    }
}
