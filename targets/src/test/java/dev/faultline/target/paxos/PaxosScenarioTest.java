package dev.faultline.target.paxos;

import static dev.faultline.target.paxos.ScriptedCluster.between;
import static dev.faultline.target.paxos.ScriptedCluster.from;
import static dev.faultline.target.paxos.ScriptedCluster.ofType;
import static dev.faultline.target.paxos.ScriptedCluster.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scripted scenarios from "Paxos Made Simple" (Lamport 2001), each citing its section. Method: a
 * {@link ScriptedCluster} of three cores where the test decides which message is delivered,
 * dropped or left in flight, and which node crashes; the assertions name the property the
 * section argues.
 */
class PaxosScenarioTest {
    private static KvRequest write(String key, long value) {
        return KvRequest.write(key, value, 1, value);
    }

    private static KvRequest read(String key) {
        return KvRequest.read(key, 2, 0);
    }

    private static ScriptedCluster elected(String leader) {
        ScriptedCluster cluster = ScriptedCluster.of(3);
        cluster.campaign(leader);
        cluster.stabilize();
        assertThat(cluster.core(leader).isLeader()).as("%s leads", leader).isTrue();
        return cluster;
    }

    /** Ticks the leader once a heartbeat interval on, so followers learn the commit, and lets every message through. */
    private static void heartbeat(ScriptedCluster cluster, String leader) {
        cluster.tick(leader, cluster.config().heartbeatIntervalMillis());
        cluster.stabilize();
    }

    @Test
    void multiPaxosRunsPhaseOneOnceAndThenOnlyPhaseTwo() {
        // §3: "the leader can ... execute phase 1 for infinitely many instances" once, then each
        // command costs only phase 2.
        ScriptedCluster cluster = elected("n1");
        for (long value = 1; value <= 3; value++) {
            long id = cluster.request("n1", write("x", value));
            assertThat(cluster.queue()).allMatch(message -> message.message() instanceof PaxosMessage.Accept);
            cluster.stabilize();
            assertThat(cluster.reply(id).isOk()).isTrue();
            assertThat(cluster.reply(id).meta()).containsEntry("slot", value);
        }
        long read = cluster.request("n1", read("x"));
        cluster.stabilize();
        assertThat(cluster.reply(read).value()).isEqualTo(3L);
        heartbeat(cluster, "n1");
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).learner().executedSlot()).as(node).isEqualTo(4);
            assertThat(cluster.core(node).learner().read("x")).as(node).isEqualTo(3L);
        }
    }

    @Test
    void followersSendClientsToTheLeader() {
        ScriptedCluster cluster = elected("n1");
        long id = cluster.request("n2", write("x", 1));
        assertThat(cluster.reply(id)).isEqualTo(KvReply.notLeader("n1"));
    }

    @Test
    void aNewLeaderCompletesAHalfChosenSlotWithTheValuePhaseOneReports() {
        // §2.2 (P2c): a proposer with ballot n must propose the value of the highest-numbered
        // proposal a majority of acceptors reported. Here slot 1 is chosen (n1 and n2 accepted
        // it) but nobody knows: n2's accepted message is lost and n1 crashes.
        ScriptedCluster cluster = elected("n1");
        long id = cluster.request("n1", write("x", 7));
        cluster.deliverFirst(between("n1", "n2").and(ofType(PaxosMessage.Accept.class)));
        cluster.drop(message -> true);
        cluster.crash("n1", false);
        assertThat(cluster.reply(id)).isNull();

        cluster.campaign("n3");
        cluster.stabilize();
        assertThat(cluster.core("n3").isLeader()).isTrue();
        heartbeat(cluster, "n3");
        Command chosen = cluster.core("n3").learner().chosen(1);
        assertThat(chosen).isInstanceOf(Command.Client.class);
        assertThat(((Command.Client) chosen).request()).isEqualTo(write("x", 7));
        assertThat(cluster.core("n2").learner().chosen(1)).isEqualTo(chosen);
        long read = cluster.request("n3", read("x"));
        cluster.stabilize();
        assertThat(cluster.reply(read)).extracting(KvReply::value).isEqualTo(7L);
    }

    /** n1 and n2 both campaign; n3 promises n1 first, which leads with n3's promise. */
    private static ScriptedCluster duel() {
        ScriptedCluster cluster = ScriptedCluster.of(3);
        cluster.campaign("n1");
        cluster.campaign("n2");
        promise(cluster, "n3", "n1");
        return cluster;
    }

    /** {@code acceptor} gets {@code candidate}'s prepare and promises, which makes {@code candidate} lead. */
    private static void promise(ScriptedCluster cluster, String acceptor, String candidate) {
        cluster.deliverFirst(between(candidate, acceptor).and(ofType(PaxosMessage.Prepare.class)));
        cluster.deliverFirst(between(acceptor, candidate).and(ofType(PaxosMessage.Promise.class)));
        assertThat(cluster.core(candidate).isLeader()).as("%s leads", candidate).isTrue();
    }

    @Test
    void duelingProposersNeverChooseTwoValuesForOneSlot() {
        // §2.3 and §2.4: two proposers prepare in turn; the one with the lower ballot is refused
        // by every acceptor that promised the higher one, so at most one value is chosen.
        ScriptedCluster cluster = duel();
        long first = cluster.request("n1", write("x", 1));
        // n3 now promises n2's higher ballot before n1's accept reaches it.
        promise(cluster, "n3", "n2");
        long second = cluster.request("n2", write("x", 2));
        cluster.stabilize();
        heartbeat(cluster, "n2");

        assertThat(cluster.core("n1").isLeader()).as("refused everywhere, n1 stepped down").isFalse();
        assertThat(cluster.reply(first)).isEqualTo(KvReply.info(KvErrors.LEADERSHIP_LOST));
        assertThat(cluster.reply(second).isOk()).isTrue();
        Command slotOne = cluster.core("n2").learner().chosen(1);
        assertThat(((Command.Client) slotOne).request()).isEqualTo(write("x", 2));
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).learner().chosen(1)).as(node).isEqualTo(slotOne);
        }
    }

    @Test
    void aValueAcceptedByAMajorityInALowerBallotSurvivesTheDuel() {
        // §2.2: once a majority accepted v in ballot b, every higher ballot proposes v.
        ScriptedCluster cluster = duel();
        long first = cluster.request("n1", write("x", 1));
        cluster.deliverFirst(between("n1", "n3").and(ofType(PaxosMessage.Accept.class)));
        // n3 accepted x=1 in n1's ballot: chosen (n1 and n3), though n1 does not know it yet.
        promise(cluster, "n3", "n2");
        long second = cluster.request("n2", write("x", 2));
        cluster.stabilize();
        heartbeat(cluster, "n2");

        assertThat(((Command.Client) cluster.core("n2").learner().chosen(1)).request()).isEqualTo(write("x", 1));
        assertThat(((Command.Client) cluster.core("n2").learner().chosen(2)).request()).isEqualTo(write("x", 2));
        assertThat(cluster.reply(second).isOk()).isTrue();
        assertThat(cluster.reply(first).outcome()).as("n1 lost its ballot before it learned the outcome")
                .isNotEqualTo(Outcome.FAIL);
        for (String node : cluster.nodes()) {
            assertThat(cluster.core(node).learner().read("x")).as(node).isEqualTo(2L);
        }
    }

    @Test
    void aNewLeaderFillsHolesWithNoOpsAndExecutesInSlotOrder() {
        // §3: the new leader learns slots 1 and 3 in phase 1 but nothing for slot 2; it proposes
        // a no-op there, and nobody executes slot 3 before slot 2 is chosen.
        ScriptedCluster cluster = elected("n1");
        cluster.request("n1", write("x", 1));
        cluster.request("n1", write("y", 2));
        cluster.request("n1", write("z", 3));
        cluster.deliverFirst(between("n1", "n2").and(ofType(PaxosMessage.Accept.class)));
        cluster.drop(between("n1", "n2").and(message -> message.message() instanceof PaxosMessage.Accept accept
                && accept.proposals().get(0).slot() == 2));
        cluster.deliverFirst(between("n1", "n2").and(ofType(PaxosMessage.Accept.class)));
        cluster.drop(message -> true);
        cluster.crash("n1", false);
        assertThat(cluster.core("n2").acceptor().accepted(2)).isNull();
        assertThat(cluster.core("n2").acceptor().accepted(3)).isNotNull();

        cluster.campaign("n2");
        cluster.deliverFirst(between("n2", "n3").and(ofType(PaxosMessage.Prepare.class)));
        cluster.deliverFirst(between("n3", "n2").and(ofType(PaxosMessage.Promise.class)));
        assertThat(cluster.core("n2").isLeader()).isTrue();
        // The window's accepts are out; deliver slot 3's answer first: it is chosen, yet waits for slot 2.
        cluster.deliverFirst(between("n2", "n3").and(ofType(PaxosMessage.Accept.class)));
        cluster.deliverFirst(between("n3", "n2").and(ofType(PaxosMessage.Accepted.class)));
        cluster.stabilize();
        heartbeat(cluster, "n2");

        PaxosCore leader = cluster.core("n2");
        assertThat(leader.learner().chosen(2)).isEqualTo(Command.NOOP);
        assertThat(leader.learner().executedSlot()).isEqualTo(3);
        assertThat(leader.learner().read("y")).isNull();
        assertThat(leader.learner().read("z")).isEqualTo(3L);
        assertThat(cluster.core("n3").learner().read("z")).isEqualTo(3L);
    }

    @Test
    void aLearnerNeverExecutesPastASlotItHasNotLearned() {
        // §3: "server ... cannot execute command 139 ... until it learns the command chosen for 138".
        ScriptedCluster cluster = ScriptedCluster.of(3);
        Command second = new Command.Client("n1", 2, write("x", 2));
        cluster.inject("n1", "n2", new PaxosMessage.Learn(List.of(new Proposal(2, second))));
        cluster.stabilize();
        assertThat(cluster.core("n2").learner().executedSlot()).isZero();
        assertThat(cluster.core("n2").learner().read("x")).isNull();
        cluster.inject("n1", "n2", new PaxosMessage.Learn(List.of(new Proposal(1, new Command.Client("n1", 1, write("x", 1))))));
        cluster.stabilize();
        assertThat(cluster.core("n2").learner().executedSlot()).isEqualTo(2);
        assertThat(cluster.core("n2").learner().read("x")).isEqualTo(2L);
    }

    @Test
    void aLeaderThatStopsHearingAMajorityStepsDownAndAnswersItsClientsInfo() {
        ScriptedCluster cluster = elected("n1");
        long id = cluster.request("n1", write("x", 1));
        cluster.drop(message -> true);
        for (long waited = 0; waited <= 4 * cluster.config().electionTimeoutMillis(); waited += 50) {
            cluster.tick("n1", 50);
            cluster.drop(message -> true);
        }
        assertThat(cluster.core("n1").isLeader()).isFalse();
        assertThat(cluster.reply(id)).isEqualTo(KvReply.info(KvErrors.LEADERSHIP_LOST));
        assertThat(cluster.log()).anyMatch(line -> line.contains("reason=no-majority-heard"));
    }

    @Test
    void aLaggingFollowerCatchesUpFromTheLeaderLog() {
        ScriptedCluster cluster = elected("n1");
        for (long value = 1; value <= 5; value++) {
            cluster.request("n1", write("x", value));
            cluster.drop(to("n3").or(from("n3")));
            cluster.stabilize();
        }
        assertThat(cluster.core("n3").learner().executedSlot()).isZero();
        heartbeat(cluster, "n1");
        heartbeat(cluster, "n1");
        assertThat(cluster.log()).anyMatch(line -> line.startsWith("deliver n1->n3 Learn"));
        assertThat(cluster.core("n3").learner().executedSlot()).isEqualTo(5);
        assertThat(cluster.core("n3").learner().read("x")).isEqualTo(5L);
    }

    @Test
    void aFollowerBehindTheLeadersCompactionGetsItsStateMachine() {
        ScriptedCluster cluster = new ScriptedCluster(3, PaxosConfig.defaults().withSnapshotEverySlots(2));
        cluster.campaign("n1");
        cluster.stabilize();
        for (long value = 1; value <= 5; value++) {
            cluster.request("n1", write("k" + value, value));
            cluster.drop(to("n3").or(from("n3")));
            cluster.stabilize();
        }
        assertThat(cluster.core("n1").learner().snapshotSlot()).isGreaterThan(1);
        heartbeat(cluster, "n1");
        heartbeat(cluster, "n1");
        assertThat(cluster.log()).anyMatch(line -> line.startsWith("deliver n1->n3 InstallSnapshot"));
        PaxosCore lagging = cluster.core("n3");
        assertThat(lagging.learner().executedSlot()).isEqualTo(5);
        assertThat(lagging.learner().read("k1")).isEqualTo(1L);
        assertThat(lagging.learner().read("k5")).isEqualTo(5L);
        assertThat(cluster.disk("n3").get(0)).isInstanceOf(PaxosRecord.Snapshot.class);
    }

    @Test
    void aNodeRestartedFromItsRecordsKeepsItsPromiseStateAndLog() {
        // §2.4: an acceptor "must remember this information even if it fails and then restarts".
        ScriptedCluster cluster = elected("n1");
        cluster.request("n1", write("x", 1));
        cluster.stabilize();
        heartbeat(cluster, "n1");
        Ballot promised = cluster.core("n2").acceptor().promised();
        cluster.crash("n2", false);
        cluster.restart("n2");
        assertThat(cluster.core("n2").learner().read("x")).as("a process crash keeps the unsynced learned values").isEqualTo(1L);

        cluster.crash("n2", true);
        cluster.restart("n2");
        PaxosCore restarted = cluster.core("n2");
        assertThat(restarted.acceptor().promised()).isEqualTo(promised);
        assertThat(restarted.acceptor().accepted(1)).as("fsynced before the accepted message left").isNotNull();
        assertThat(restarted.learner().executedSlot()).as("power loss took the unsynced learned values").isZero();
        cluster.crash("n1", false);
        cluster.campaign("n2");
        cluster.stabilize();
        heartbeat(cluster, "n2");
        assertThat(restarted.isLeader()).isTrue();
        assertThat(restarted.leaderBallot()).isGreaterThan(promised);
        assertThat(restarted.learner().read("x")).as("slot 1 recovered through phase 1").isEqualTo(1L);
    }
}
