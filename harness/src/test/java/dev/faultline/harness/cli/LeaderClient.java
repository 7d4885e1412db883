package dev.faultline.harness.cli;

import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client of a cluster whose writes must go to a leader: it follows {@code not-leader} answers
 * to the node they name, and moves on to the next node when one refuses the connection. Both are
 * definite failures, so trying again elsewhere never applies a request twice; any other answer
 * (ok, another failure, info) is returned as it is. Not thread-safe: one per worker.
 */
final class LeaderClient implements AutoCloseable {
    private final Map<String, InetSocketAddress> nodes;
    private final List<String> ids;
    private final int connectTimeoutMillis;
    private int current;
    private KvClient client;

    LeaderClient(Map<String, InetSocketAddress> nodes, int firstNode, int connectTimeoutMillis) {
        this.nodes = new LinkedHashMap<>(nodes);
        this.ids = new ArrayList<>(nodes.keySet());
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.current = Math.floorMod(firstNode, ids.size());
    }

    /** Sends {@code request}, trying at most every node once more than there are nodes. */
    KvReply invoke(KvRequest request, long timeoutMillis) {
        KvReply reply = null;
        for (int attempt = 0; attempt <= ids.size(); attempt++) {
            if (client == null) {
                client = new KvClient(nodes.get(ids.get(current)), connectTimeoutMillis);
            }
            reply = client.invoke(request, timeoutMillis);
            if (reply.outcome() != Outcome.FAIL) {
                return reply;
            }
            if (KvErrors.NOT_LEADER.equals(reply.error())) {
                String hint = reply.leaderHint();
                moveTo(hint != null && nodes.containsKey(hint) ? ids.indexOf(hint) : current + 1);
            } else if (KvErrors.CONNECTION_REFUSED.equals(reply.error()) || KvErrors.SEND_FAILED.equals(reply.error())) {
                moveTo(current + 1);
            } else {
                return reply;
            }
        }
        return reply;
    }

    /** The node the next request goes to first. */
    String node() {
        return ids.get(current);
    }

    private void moveTo(int node) {
        int next = Math.floorMod(node, ids.size());
        if (next != current) {
            close();
            current = next;
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
