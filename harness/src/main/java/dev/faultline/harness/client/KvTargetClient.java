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
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>For a target with client sessions ({@code TargetSpec#clientSessions}), a write whose leader
 * lost leadership or whose connection broke (info) is sent again, the same request, every 100 ms within the timeout while the cluster has no leader for it, as a client
 * library does: a server with client sessions applies it once; one without applies it twice, which
 * is the bug the retry exposes. The completion is then the retry's answer if it is ok (or info),
 * and still info if it is a definite failure, since that says nothing of the first attempt;
 * {@code meta.retries} counts the retries. Reads are never retried.
 *
 * <p>Sessions, for targets that report positions ({@link KvReply#POSITION}, ZAB's zxid): the
 * client stamps the highest position any reply carried on every request, so no server behind
 * what this process has seen serves it ({@link KvRequest#seenPosition()}); and, as a ZooKeeper
 * client moves its session, a request that a server refuses to serve ({@code unavailable},
 * {@code server-behind}, or a refused connection once the session has a position) goes to the
 * next node instead, within the same timeout, and the session stays where it was served
 * ({@code meta.moves} counts the moves). Those answers are definite failures, so moving is safe.
 * A session with a position also moves to the next node on its own after every
 * {@value #REBALANCE_EVERY_OPS} operations served, as ZooKeeper clients are moved between servers
 * (reconnects after a lost connection, {@code updateServerList} rebalancing): what the position is
 * for is that such a move never takes the client back in time, and without moves it is never
 * tested. Final reads never move: they are meant for one node. A new process gets a new client,
 * hence a new session.
 */
public final class KvTargetClient implements Client {
    /** The most leader redirects one operation follows. */
    public static final int REDIRECTS_MAX = 3;
    /** The most times one write is sent again after an indeterminate answer (and while no leader takes it). */
    public static final int RETRIES_MAX = 20;
    private static final long RETRY_DELAY_NANOS = 100_000_000L;
    /** Answers with which a server refuses this session for now, though another server may serve it. */
    private static final Set<String> SESSION_REFUSED = Set.of(KvErrors.UNAVAILABLE, KvErrors.SERVER_BEHIND);
    /** Operations a session with a position is served on one node before it moves to the next. */
    public static final int REBALANCE_EVERY_OPS = 10;

    private final String node;
    private final List<String> nodes;
    private final boolean resendIndeterminateWrites;
    private final Function<String, InetSocketAddress> addresses;
    private final int connectTimeoutMillis;
    private final Map<String, KvClient> connections = new HashMap<>();
    private long sequence;
    /** Where the session is: the bound node until a server refuses it. */
    private String sessionNode;
    /** The highest position a reply carried. */
    private long seenPosition = KvRequest.NO_POSITION;
    /** Operations served where the session is since it last moved. */
    private int servedSinceMove;

    /**
     * @param node the node this client is bound to
     * @param nodes every node, in order: where a refused session moves next
     * @param addresses each node's client address; null for a name that is no node
     * @param resendIndeterminateWrites whether the target's client sessions make resending a write safe
     */
    public KvTargetClient(String node, List<String> nodes, Function<String, InetSocketAddress> addresses,
            int connectTimeoutMillis, boolean resendIndeterminateWrites) {
        this.node = node;
        this.nodes = List.copyOf(nodes);
        this.resendIndeterminateWrites = resendIndeterminateWrites;
        this.addresses = addresses;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.sessionNode = node;
    }

    @Override
    public Completion invoke(Invocation invocation) {
        KvOp op = KvOp.fromF(invocation.f()).orElseThrow(() ->
                new IllegalArgumentException("the client protocol has no operation " + invocation.f()));
        KvRequest request = new KvRequest(op, invocation.key(), invocation.value(), invocation.process(), ++sequence);
        long deadlineNanos = System.nanoTime() + invocation.timeoutNanos();
        if (!invocation.finalRead() && seenPosition > KvRequest.NO_POSITION && servedSinceMove >= REBALANCE_EVERY_OPS) {
            sessionNode = next(sessionNode);
            servedSinceMove = 0;
        }
        String home = invocation.finalRead() ? node : sessionNode;
        String target = home;
        int redirects = 0;
        int retries = 0;
        int moves = 0;
        KvReply indeterminate = null;
        while (true) {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            KvReply reply = connection(target).invoke(request.withSeenPosition(seenPosition), Math.max(1, remainingMillis));
            seenPosition = Math.max(seenPosition, reply.position());
            boolean timeLeft = System.nanoTime() < deadlineNanos;
            boolean redirect = KvErrors.NOT_LEADER.equals(reply.error()) && reply.leaderHint() != null
                    && !reply.leaderHint().equals(target) && addresses.apply(reply.leaderHint()) != null
                    && redirects < REDIRECTS_MAX * (retries + 1) && timeLeft;
            if (redirect) {
                target = reply.leaderHint();
                redirects++;
                continue;
            }
            boolean refused = refusesSession(reply);
            if (refused && !invocation.finalRead() && moves < nodes.size() - 1 && timeLeft) {
                target = next(target);
                moves++;
                continue;
            }
            if (resendIndeterminateWrites && op != KvOp.READ && retries < RETRIES_MAX && mayRetry(reply, indeterminate != null)
                    && System.nanoTime() + RETRY_DELAY_NANOS < deadlineNanos && pause()) {
                indeterminate = reply.outcome() == Outcome.INFO ? reply : indeterminate;
                target = home;
                retries++;
                continue;
            }
            if (moves > 0 && !refused) {
                sessionNode = target;
                servedSinceMove = 0;
            }
            if (!refused && !invocation.finalRead()) {
                servedSinceMove++;
            }
            // A definite failure after an indeterminate attempt says nothing about that attempt.
            KvReply outcome = indeterminate != null && reply.outcome() == Outcome.FAIL ? indeterminate : reply;
            return completion(outcome, target, redirects, retries, moves);
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

    private String next(String from) {
        return nodes.get((nodes.indexOf(from) + 1) % nodes.size());
    }

    private boolean refusesSession(KvReply reply) {
        return (reply.error() != null && SESSION_REFUSED.contains(reply.error()))
                || (KvErrors.CONNECTION_REFUSED.equals(reply.error()) && seenPosition > KvRequest.NO_POSITION);
    }

    private Completion completion(KvReply reply, String servedBy, int redirects, int retries, int moves) {
        Map<String, Object> meta = new LinkedHashMap<>(reply.meta());
        if (redirects > 0) {
            meta.put("redirects", (long) redirects);
        }
        if (retries > 0) {
            meta.put("retries", (long) retries);
        }
        if (moves > 0) {
            meta.put("moves", (long) moves);
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
