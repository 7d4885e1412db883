package dev.faultline.harness.client;

import dev.faultline.target.common.kv.KvClient;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
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
 *
 * <p>A write whose leader lost leadership or whose connection broke (info) is sent again, the same
 * request, every 100 ms within the timeout while the cluster has no leader for it, as a client
 * library does: a server with client sessions applies it once; one without applies it twice, which
 * is the bug the retry exposes. The completion is then the retry's answer if it is ok (or info),
 * and still info if it is a definite failure, since that says nothing of the first attempt;
 * {@code meta.retries} counts the retries. Reads are never retried.
 */
public final class KvTargetClient implements Client {
    /** The most leader redirects one operation follows. */
    public static final int REDIRECTS_MAX = 3;
    /** The most times one write is sent again after an indeterminate answer (and while no leader takes it). */
    public static final int RETRIES_MAX = 20;
    private static final long RETRY_DELAY_NANOS = 100_000_000L;

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
        int retries = 0;
        KvReply indeterminate = null;
        while (true) {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            KvReply reply = connection(target).invoke(request, Math.max(1, remainingMillis));
            boolean redirect = KvErrors.NOT_LEADER.equals(reply.error()) && reply.leaderHint() != null
                    && !reply.leaderHint().equals(target) && addresses.apply(reply.leaderHint()) != null
                    && redirects < REDIRECTS_MAX * (retries + 1) && System.nanoTime() < deadlineNanos;
            if (redirect) {
                target = reply.leaderHint();
                redirects++;
                continue;
            }
            if (op != KvOp.READ && retries < RETRIES_MAX && mayRetry(reply, indeterminate != null)
                    && System.nanoTime() + RETRY_DELAY_NANOS < deadlineNanos && pause()) {
                indeterminate = reply.outcome() == Outcome.INFO ? reply : indeterminate;
                target = node;
                retries++;
                continue;
            }
            // A definite failure after an indeterminate attempt says nothing about that attempt.
            KvReply outcome = indeterminate != null && reply.outcome() == Outcome.FAIL ? indeterminate : reply;
            return completion(outcome, target, redirects, retries);
        }
    }

    /**
     * Whether to send the same request again (same client id and sequence, so a server with client
     * sessions answers it from the session instead of applying it twice, Raft dissertation §6.3):
     * after the leader it went to lost leadership or the connection broke, and, once that happened,
     * while the cluster has no leader to take it yet.
     */
    private static boolean mayRetry(KvReply reply, boolean afterIndeterminate) {
        if (reply.outcome() == Outcome.INFO) {
            return KvErrors.LEADERSHIP_LOST.equals(reply.error()) || KvErrors.CONNECTION_LOST.equals(reply.error());
        }
        return afterIndeterminate && reply.outcome() == Outcome.FAIL
                && (KvErrors.NOT_LEADER.equals(reply.error()) || KvErrors.CONNECTION_REFUSED.equals(reply.error()));
    }

    /** Waits before a retry; false when interrupted (the run is stopping: no retry then). */
    private static boolean pause() {
        try {
            Thread.sleep(RETRY_DELAY_NANOS / 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Completion completion(KvReply reply, String servedBy, int redirects, int retries) {
        Map<String, Object> meta = new LinkedHashMap<>(reply.meta());
        if (redirects > 0) {
            meta.put("redirects", (long) redirects);
        }
        if (retries > 0) {
            meta.put("retries", (long) retries);
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
