package dev.faultline.target.paxos;

import static dev.faultline.target.paxos.ScriptedCluster.between;
import static dev.faultline.target.paxos.ScriptedCluster.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.core.Envelope;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: each planted bug changes exactly its decision point, and the correct core makes the
 * opposite decision there. Method: the same script on a correct and on a buggy
 * {@link ScriptedCluster}, looking at the one output the decision produces.
 */
class PaxosBugsTest {
    private static ScriptedCluster cluster(PaxosBug... bugs) {
        return new ScriptedCluster(3, PaxosConfig.defaults().withBugs(Set.of(bugs)));
    }

    private static ScriptedCluster elected(PaxosBug... bugs) {
        ScriptedCluster cluster = cluster(bugs);
        cluster.campaign("n1");
        cluster.stabilize();
        assertThat(cluster.core("n1").isLeader()).isTrue();
        return cluster;
    }

    private static boolean sentAfterPersist(Ready<PaxosMessage, PaxosRecord> ready, Class<? extends PaxosMessage> type) {
        return ready.messagesAfterPersist().stream().map(Envelope::message).anyMatch(type::isInstance)
                && ready.messages().stream().map(Envelope::message).noneMatch(type::isInstance);
    }

    @Test
    void promisesAndAcceptedValuesAreFsyncedBeforeTheyLeaveUnlessAcceptorNoFsyncIsPlanted() {
        for (boolean planted : new boolean[] {false, true}) {
            ScriptedCluster cluster = planted ? cluster(PaxosBug.ACCEPTOR_NO_FSYNC) : cluster();
            cluster.campaign("n1");
            cluster.deliverFirst(between("n1", "n2").and(ofType(PaxosMessage.Prepare.class)));
            Ready<PaxosMessage, PaxosRecord> promised = cluster.lastReady("n2");
            assertThat(promised.records()).containsExactly(new PaxosRecord.Promised(new Ballot(1, "n1")));
            assertThat(sentAfterPersist(promised, PaxosMessage.Promise.class)).isTrue();
            assertThat(promised.mustSync()).as("promise fsynced, bug planted: %s", planted).isEqualTo(!planted);

            cluster.stabilize();
            cluster.request("n1", KvRequest.write("x", 1L, 1, 1));
            cluster.deliverFirst(between("n1", "n2").and(ofType(PaxosMessage.Accept.class)));
            Ready<PaxosMessage, PaxosRecord> accepted = cluster.lastReady("n2");
            assertThat(accepted.records()).singleElement().isInstanceOf(PaxosRecord.Accepted.class);
            assertThat(sentAfterPersist(accepted, PaxosMessage.Accepted.class)).isTrue();
            assertThat(accepted.mustSync()).as("accept fsynced, bug planted: %s", planted).isEqualTo(!planted);

            cluster.crash("n2", true);
            cluster.restart("n2");
            assertThat(cluster.core("n2").acceptor().accepted(1) == null).as("lost at power loss").isEqualTo(planted);
        }
    }

    @Test
    void anAcceptBelowThePromiseIsRejectedUnlessAcceptLowerBallotIsPlanted() {
        for (boolean planted : new boolean[] {false, true}) {
            ScriptedCluster cluster = planted ? cluster(PaxosBug.ACCEPT_LOWER_BALLOT) : cluster();
            cluster.campaign("n2");
            cluster.deliverFirst(between("n2", "n3").and(ofType(PaxosMessage.Prepare.class)));
            assertThat(cluster.core("n3").acceptor().promised()).isEqualTo(new Ballot(1, "n2"));
            Proposal stale = new Proposal(1, new Command.Client("n1", 9, KvRequest.write("x", 9L, 1, 9)));
            cluster.inject("n1", "n3", new PaxosMessage.Accept(new Ballot(1, "n1"), List.of(stale), 0));
            cluster.deliverFirst(between("n1", "n3"));
            PaxosMessage answer = cluster.lastReady("n3").messagesAfterPersist().get(0).message();
            if (planted) {
                assertThat(answer).isEqualTo(new PaxosMessage.Accepted(new Ballot(1, "n1"), List.of(1L)));
                assertThat(cluster.core("n3").acceptor().accepted(1).ballot()).isEqualTo(new Ballot(1, "n1"));
            } else {
                assertThat(answer).isEqualTo(new PaxosMessage.Reject(new Ballot(1, "n1"), new Ballot(1, "n2")));
                assertThat(cluster.core("n3").acceptor().accepted(1)).isNull();
            }
        }
    }

    @Test
    void aWriteIsAcknowledgedOnlyAfterAMajorityAcceptedUnlessLearnWithoutMajorityIsPlanted() {
        ScriptedCluster correct = elected();
        long id = correct.request("n1", KvRequest.write("x", 1L, 1, 1));
        assertThat(correct.reply(id)).as("only the leader accepted so far").isNull();
        correct.deliverFirst(between("n2", "n1").negate().and(between("n1", "n2")));
        correct.deliverFirst(between("n2", "n1"));
        assertThat(correct.reply(id).isOk()).isTrue();

        ScriptedCluster buggy = elected(PaxosBug.LEARN_WITHOUT_MAJORITY);
        long early = buggy.request("n1", KvRequest.write("x", 1L, 1, 1));
        assertThat(buggy.reply(early).isOk()).as("acknowledged on the leader's own accept").isTrue();
    }

    @Test
    void aNewLeaderReproposesThePhaseOneValueUnlessIgnorePhase1ValueIsPlanted() {
        for (boolean planted : new boolean[] {false, true}) {
            ScriptedCluster cluster = planted ? elected(PaxosBug.IGNORE_PHASE1_VALUE) : elected();
            cluster.request("n1", KvRequest.write("x", 7L, 1, 7));
            cluster.deliverFirst(between("n1", "n2").and(ofType(PaxosMessage.Accept.class)));
            cluster.drop(message -> true);
            cluster.crash("n1", false);
            cluster.campaign("n2");
            cluster.stabilize();
            Command slotOne = cluster.core("n2").learner().chosen(1);
            assertThat(slotOne instanceof Command.Noop).as("bug planted: %s, slot 1 = %s", planted, slotOne).isEqualTo(planted);
        }
    }

    @Test
    void aLearnerExecutesPastAGapOnlyWhenExecutePastGapIsPlanted() {
        for (boolean planted : new boolean[] {false, true}) {
            ScriptedCluster cluster = planted ? cluster(PaxosBug.EXECUTE_PAST_GAP) : cluster();
            Command first = new Command.Client("n1", 1, KvRequest.write("y", 1L, 1, 1));
            Command second = new Command.Client("n1", 2, KvRequest.write("x", 2L, 1, 2));
            cluster.inject("n1", "n2", new PaxosMessage.Learn(List.of(new Proposal(2, second))));
            cluster.stabilize();
            assertThat(cluster.core("n2").learner().read("x") != null).as("slot 2 ran before slot 1").isEqualTo(planted);
            cluster.inject("n1", "n2", new PaxosMessage.Learn(List.of(new Proposal(1, first))));
            cluster.stabilize();
            assertThat(cluster.core("n2").learner().read("x")).isEqualTo(2L);
            assertThat(cluster.core("n2").learner().read("y") == null).as("slot 1 skipped for good").isEqualTo(planted);
        }
    }
}
