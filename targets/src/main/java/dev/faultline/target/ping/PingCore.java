package dev.faultline.target.ping;

import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.core.ClientRequest;
import dev.faultline.target.common.core.ClockReading;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Ready;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe of the peer transport and the clock: every {@code everyTicks} ticks it sends each peer a
 * {@link Ping} with an increasing sequence number, and it counts what arrives per peer. Out of
 * order and repeated sequence numbers expose reordering and duplication; counts that stop growing
 * expose partitions. Its status shows the counts and the last clock reading it was given.
 */
final class PingCore implements Core<Ping, Nothing> {
    private final List<String> peers;
    private final long everyTicks;
    private final Ready.Builder<Ping, Nothing> ready = new Ready.Builder<>();
    private final Map<String, Heard> heard = new LinkedHashMap<>();
    private long ticks;
    private long sent;
    private ClockReading lastReading = new ClockReading(0, 0);

    /** What arrived from one peer. */
    private static final class Heard {
        long received;
        long highestSequence = -1;
        long reordered;
        long duplicated;
    }

    PingCore(List<String> peers, long everyTicks) {
        this.peers = List.copyOf(peers);
        this.everyTicks = everyTicks;
        for (String peer : peers) {
            heard.put(peer, new Heard());
        }
    }

    @Override
    public void tick(ClockReading now) {
        lastReading = now;
        if (ticks++ % everyTicks != 0) {
            return;
        }
        long sequence = sent++;
        for (String peer : peers) {
            ready.send(peer, new Ping(sequence));
        }
    }

    @Override
    public void receive(ClockReading now, String from, Ping ping) {
        lastReading = now;
        Heard peer = heard.get(from);
        if (peer == null) {
            throw new IllegalStateException("ping from unknown node " + from);
        }
        peer.received++;
        if (ping.sequence() == peer.highestSequence) {
            peer.duplicated++;
        } else if (ping.sequence() < peer.highestSequence) {
            peer.reordered++;
        } else {
            peer.highestSequence = ping.sequence();
        }
    }

    @Override
    public void request(ClockReading now, ClientRequest request) {
        ready.reply(request.requestId(), KvReply.fail(KvErrors.UNSUPPORTED));
    }

    @Override
    public Ready<Ping, Nothing> ready() {
        return ready.take();
    }

    @Override
    public NodeStatus status() {
        Map<String, Object> perPeer = new LinkedHashMap<>();
        for (Map.Entry<String, Heard> entry : heard.entrySet()) {
            Heard peer = entry.getValue();
            perPeer.put(entry.getKey(), Map.of("received", peer.received, "highestSequence", peer.highestSequence,
                    "reordered", peer.reordered, "duplicated", peer.duplicated));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sent", sent);
        extra.put("ticks", ticks);
        extra.put("wallMillis", lastReading.wallMillis());
        extra.put("monotonicNanos", lastReading.monotonicNanos());
        extra.put("heard", perPeer);
        return new NodeStatus("pinger", 0, null, 0, 0, 0, extra);
    }

    /** How many pings arrived from {@code peer}, duplicates included. */
    long received(String peer) {
        return heard.get(peer).received;
    }

    long reordered(String peer) {
        return heard.get(peer).reordered;
    }

    long duplicated(String peer) {
        return heard.get(peer).duplicated;
    }

    long sent() {
        return sent;
    }

    ClockReading lastReading() {
        return lastReading;
    }
}
