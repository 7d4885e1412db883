package dev.faultline.target.gossip;

import dev.faultline.target.common.core.Ready;
import dev.faultline.target.gossip.GossipMessage.Put;
import java.util.HashMap;
import java.util.Map;

/**
 * The second half of hinted handoff: every {@code hint-millis}, a node holding hints sends them to
 * their homes (up to {@value #PER_HOME_MAX} per home and round) and forgets each one its home
 * acknowledged (durably, since a home acks a {@code Put} only once it is synced). A home that is
 * still unreachable simply does not answer, and the next round tries again.
 */
final class HintDelivery {
    static final int PER_HOME_MAX = 128;

    private final Replica replica;
    private final MessageIds ids;
    private final Ready.Builder<GossipMessage, GossipRecord> ready;
    /** Deliveries of the current round, by message id; an ack from an older round finds nothing and is ignored. */
    private final Map<Long, Put> inFlight = new HashMap<>();
    private final Map<Long, String> homeOf = new HashMap<>();
    private long delivered;

    HintDelivery(Replica replica, MessageIds ids, Ready.Builder<GossipMessage, GossipRecord> ready) {
        this.replica = replica;
        this.ids = ids;
        this.ready = ready;
    }

    void round() {
        inFlight.clear();
        homeOf.clear();
        for (String home : replica.hints().homes()) {
            for (KeyEntry hint : replica.hints().forHome(home, PER_HOME_MAX)) {
                Put put = new Put(ids.next(), hint.key(), hint.entry(), null);
                inFlight.put(put.id(), put);
                homeOf.put(put.id(), home);
                ready.send(home, put);
            }
        }
    }

    /** An ack for one of this round's deliveries; false when it is not one. */
    boolean onPutAck(String from, long id) {
        Put put = inFlight.get(id);
        if (put == null || !homeOf.get(id).equals(from)) {
            return false;
        }
        inFlight.remove(id);
        homeOf.remove(id);
        replica.hintDelivered(from, put.key(), put.entry());
        delivered++;
        return true;
    }

    long delivered() {
        return delivered;
    }
}
