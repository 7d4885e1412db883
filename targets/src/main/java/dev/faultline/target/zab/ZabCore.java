package dev.faultline.target.zab;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.LeaderInfo;
import dev.faultline.target.zab.ZabMessage.Notification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ZAB server as a deterministic state machine: a {@link Replica} (durable and delivered state)
 * and the {@link Role} of its current {@link ServerState}, swapped on every transition. The rules
 * that hold whatever the role are applied here, once, before dispatch:
 *
 * <ul>
 *   <li>the epoch rule: a message of the broadcast protocol is taken only by a role of the same
 *       epoch (election notifications, FOLLOWERINFO and LEADERINFO carry no current epoch);
 *   <li>a server that has a leader answers a LOOKING voter's notification with its own vote and
 *       state, so the voter can join the leader without an election (ZooKeeper's
 *       {@code WorkerReceiver});
 *   <li>the invariants of the replica and the role are checked after every input.
 * </ul>
 */
final class ZabCore implements Core<ZabMessage, ZabRecord>, Role.Transitions {
    private final Replica replica;
    private Role role;
    /** The vote the last election ended in, and its round: what this server tells LOOKING voters. */
    private Vote currentVote;
    private long electedRound;

    ZabCore(CoreContext context, ZabConfig config, ZabProbe probe, List<ZabRecord> recovered) {
        this.replica = new Replica(context.nodeId(), context.nodes(), config, probe, context.random().nextLong() >>> 1, recovered);
        this.currentVote = Vote.NONE;
        replica.ready.event("recovered", "accepted-epoch=" + replica.acceptedEpoch + " current-epoch=" + replica.currentEpoch
                + " last-zxid=" + replica.log.lastZxid() + " delivered=" + replica.delivered);
        this.role = new FastLeaderElection(replica, this, 0);
        checkInvariants();
    }

    @Override
    public void tick(ClockReading now) {
        replica.ticks++;
        role.tick();
        replica.clients.expire();
        checkInvariants();
    }

    @Override
    public void receive(ClockReading now, String from, ZabMessage message) {
        if (message instanceof Notification notification) {
            onNotification(from, notification);
        } else if (message instanceof FollowerInfo || message instanceof LeaderInfo
                || (role.epoch() > 0 && message.epoch() == role.epoch())) {
            role.receive(from, message);
        }
        checkInvariants();
    }

    private void onNotification(String from, Notification notification) {
        if (role instanceof FastLeaderElection election) {
            election.onNotification(from, notification);
        } else if (notification.state() == ServerState.LOOKING && replica.isVoter(replica.nodeId)) {
            replica.ready.send(from, new Notification(currentVote, electedRound, role.state()));
        }
    }

    @Override
    public void request(ClockReading now, ClientRequest request) {
        replica.clients.request(request, role);
        checkInvariants();
    }

    @Override
    public Ready<ZabMessage, ZabRecord> ready() {
        Ready<ZabMessage, ZabRecord> ready = replica.ready.take();
        replica.handedOver();
        return ready;
    }

    // ------------------------------------------------------------ transitions

    @Override
    public void lookForLeader(String reason) {
        long round = role instanceof FastLeaderElection election ? election.round() : electedRound;
        replica.ready.event("role", "role=looking reason=\"" + reason + "\"");
        replica.clients.abandonAll();
        role = new FastLeaderElection(replica, this, round);
    }

    @Override
    public void elected(Vote vote, long round) {
        currentVote = vote;
        electedRound = round;
        replica.ready.event("election", "leader=" + vote.leader() + " round=" + round + " vote=" + vote);
        if (vote.leader().equals(replica.nodeId)) {
            role = new Leader(replica, this);
        } else {
            role = new Learner(replica, this, vote.leader());
        }
    }

    @Override
    public void updateElectionVote(long newEpoch) {
        currentVote = new Vote(currentVote.leader(), currentVote.zxid(), newEpoch);
    }

    private void checkInvariants() {
        replica.checkInvariants();
        role.checkInvariants();
    }

    // ------------------------------------------------------------ inspection

    ServerState state() {
        return role.state();
    }

    boolean serving() {
        return role.serving();
    }

    Zxid delivered() {
        return replica.delivered;
    }

    Zxid lastZxid() {
        return replica.log.lastZxid();
    }

    long acceptedEpoch() {
        return replica.acceptedEpoch;
    }

    long currentEpoch() {
        return replica.currentEpoch;
    }

    Object valueOf(Object key) {
        return replica.store.get(key);
    }

    @Override
    public NodeStatus status() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("acceptedEpoch", replica.acceptedEpoch);
        extra.put("currentEpoch", replica.currentEpoch);
        extra.put("lastZxid", replica.log.lastZxid().toString());
        extra.put("committed", replica.committed.toString());
        extra.put("delivered", replica.delivered.toString());
        extra.put("serving", role.serving());
        extra.put("waitingRequests", (long) replica.clients.waitingCount());
        long epoch = role.epoch() > 0 ? role.epoch() : replica.currentEpoch;
        return new NodeStatus(role.state().role(), epoch, role.leader(), replica.committed.packed(),
                replica.delivered.packed(), replica.log.size(), extra);
    }
}
