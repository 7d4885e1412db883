package dev.faultline.harness.client;

import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The client for every one of our targets, over the shell's {@link KvClient}: it keeps the
 * outcome the client protocol reports (ok; fail when the operation certainly did not happen —
 * not the leader, CAS mismatch, connection refused; info when it may have — timeout, lost
 * connection, leadership lost) and follows leader redirects without hiding any outcome. A
 * {@code not-leader} answer is a definite failure, so the same request (same client id and
 * sequence number, for the server's deduplication) may be sent to the hinted leader, at most
 * {@link #REDIRECTS_MAX} times and within the one timeout; the completion is then what the last
 * node answered, recorded with that node, and {@code meta.redirects} counts the hops. A lost
 * connection is reopened by the next request.
 */
public final class KvTargetClient implements Client {
    /** The most leader redirects one operation follows. */
    public static final int REDIRECTS_MAX = 3;

    private final String node;
    private final Function<String, InetSocketAddress> addresses;
    private final int connectTimeoutMillis;
    private final Map<String, KvClient> connections = new HashMap<>();
    private long sequence;

    /**
     * @param node the node this client is bound to
     * @param addresses each node's client address; null for a name that is no node
     */
    public KvTargetClient(String node, Function<String, InetSocketAddress> addresses, int connectTimeoutMillis) {
        this.node = node;
        this.addresses = addresses;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Completion invoke(Invocation invocation) {
        KvOp op = KvOp.fromF(invocation.f()).orElseThrow(() ->
                new IllegalArgumentException("the client protocol has no operation " + invocation.f()));
        KvRequest request = new KvRequest(op, invocation.key(), invocation.value(), invocation.process(), ++sequence);
        long deadlineNanos = System.nanoTime() + invocation.timeoutNanos();
        String target = node;
        int redirects = 0;
        while (true) {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            KvReply reply = connection(target).invoke(request, Math.max(1, remainingMillis));
            boolean redirect = KvErrors.NOT_LEADER.equals(reply.error()) && reply.leaderHint() != null
                    && !reply.leaderHint().equals(target) && addresses.apply(reply.leaderHint()) != null
                    && redirects < REDIRECTS_MAX && System.nanoTime() < deadlineNanos;
            if (!redirect) {
                return completion(reply, target, redirects);
            }
            target = reply.leaderHint();
            redirects++;
        }
    }

    private Completion completion(KvReply reply, String servedBy, int redirects) {
        Map<String, Object> meta = new LinkedHashMap<>(reply.meta());
        if (redirects > 0) {
            meta.put("redirects", (long) redirects);
        }
        Completion completion = switch (reply.outcome()) {
            case OK -> Completion.ok(reply.value());
            case FAIL -> Completion.fail(reply.error());
            case INFO -> Completion.info(reply.error());
        };
        return completion.withNode(servedBy.equals(node) ? null : servedBy).withMeta(meta);
    }

    private KvClient connection(String target) {
        return connections.computeIfAbsent(target, name -> {
            return new KvClient(addresses.apply(name), connectTimeoutMillis);
        });
    }

    @Override
    public void close() {
        connections.values().forEach(KvClient::close);
        connections.clear();
    }
}
