package dev.faultline.target.paxos;

import static dev.faultline.target.paxos.ScriptedCluster.between;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: the read lease answers reads locally only while no other proposer can have been elected,
 * measured on the monotonic clock. Method: a scripted cluster with {@code read-lease=on}; the
 * leader's clock is moved past the lease without new acknowledgements, and (with the planted bug)
 * its wall clock is stepped back.
 */
class PaxosLeaseTest {
    private static final KvRequest READ = KvRequest.read("x", 2, 0);

    private static ScriptedCluster leased(PaxosBug... bugs) {
        ScriptedCluster cluster = new ScriptedCluster(3, PaxosConfig.defaults().withReadLease(true).withBugs(Set.of(bugs)));
        cluster.campaign("n1");
        cluster.stabilize();
        long write = cluster.request("n1", KvRequest.write("x", 1L, 1, 1));
        cluster.stabilize();
        assertThat(cluster.reply(write).isOk()).isTrue();
        cluster.tick("n1", cluster.config().heartbeatIntervalMillis());
        cluster.stabilize();
        return cluster;
    }

    @Test
    void aLeaderHoldingTheLeaseAnswersReadsWithoutTheLog() {
        ScriptedCluster cluster = leased();
        long id = cluster.request("n1", READ);
        assertThat(cluster.reply(id)).isEqualTo(KvReply.ok(1L, java.util.Map.of("lease", true)));
        assertThat(cluster.queue()).isEmpty();
    }

    @Test
    void followersRefuseOtherProposersWhileTheLeaderIsHeard() {
        ScriptedCluster cluster = leased();
        cluster.inject("n3", "n2", new PaxosMessage.Prepare(new Ballot(9, "n3"), 1));
        cluster.deliverFirst(between("n3", "n2"));
        assertThat(cluster.lastReady("n2").messagesAfterPersist().get(0).message())
                .isEqualTo(new PaxosMessage.Reject(new Ballot(9, "n3"), new Ballot(1, "n1")));
    }

    @Test
    void anExpiredLeaseSendsReadsThroughTheLog() {
        ScriptedCluster cluster = leased();
        cluster.advance("n1", cluster.config().leaseNanos() / 1_000_000 + 1);
        long id = cluster.request("n1", READ);
        assertThat(cluster.reply(id)).isNull();
        assertThat(cluster.queue()).allMatch(message -> message.message() instanceof PaxosMessage.Accept);
        cluster.stabilize();
        assertThat(cluster.reply(id).value()).isEqualTo(1L);
        assertThat(cluster.reply(id).meta()).containsKey("slot");
    }

    @Test
    void aWallClockSteppedBackKeepsTheLeaseAliveOnlyWithLeaseWallclockPlanted() {
        for (boolean planted : new boolean[] {false, true}) {
            ScriptedCluster cluster = planted ? leased(PaxosBug.LEASE_WALLCLOCK) : leased();
            cluster.bumpWallClock("n1", -10_000);
            cluster.advance("n1", cluster.config().electionTimeoutMillis() + 1);
            long id = cluster.request("n1", READ);
            assertThat(cluster.reply(id) != null).as("answered from the lease, bug planted: %s", planted).isEqualTo(planted);
        }
    }

    /**
     * A leader trusts its lease over the quorum timeout: the correct one, whose lease ends long
     * before, steps down once cut off; with its wall clock set back the planted bug's leader
     * outlives the quorum timeout and still answers reads alone.
     */
    @Test
    void aCutOffLeaderOutlivesTheQuorumTimeoutOnlyWhileItsWallClockLeaseHolds() {
        for (boolean planted : new boolean[] {false, true}) {
            ScriptedCluster cluster = planted ? leased(PaxosBug.LEASE_WALLCLOCK) : leased();
            cluster.drop(message -> true);
            cluster.bumpWallClock("n1", -60_000);
            long quorumTimeoutMillis = cluster.config().leaderQuorumTimeoutNanos() / 1_000_000;
            for (long waited = 0; waited <= quorumTimeoutMillis; waited += cluster.config().heartbeatIntervalMillis()) {
                cluster.tick("n1", cluster.config().heartbeatIntervalMillis());
                cluster.drop(message -> true);
            }
            assertThat(cluster.core("n1").isLeader()).as("still leads, bug planted: %s", planted).isEqualTo(planted);
            KvReply answer = cluster.reply(cluster.request("n1", READ));
            assertThat(answer).isEqualTo(planted ? KvReply.ok(1L, java.util.Map.of("lease", true)) : KvReply.notLeader(null));
        }
    }
}
