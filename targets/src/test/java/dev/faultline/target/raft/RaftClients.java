package dev.faultline.target.raft;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Sequential clients for the simulated cluster, and a white-box oracle for what they observe.
 * Each client writes unique values to a register, reads it, cas-es it, appends unique elements to a
 * list and reads the list; it sends writes to the node that leads (as the agents report it) and some reads to any node;
 * after an indeterminate (info) write it retries the same request, session and sequence included,
 * as a client library would.
 *
 * <p>The oracle uses the committed log that {@link RaftSafety} records:
 * <ul>
 *   <li>an acknowledged write or append is committed at the moment it is acknowledged;
 *   <li>a register read returns the value of a committed write (or null), and not one older than a
 *       write acknowledged before the read began (a stale read);
 *   <li>a list read holds no element twice (a duplicated retry) and every element whose append was
 *       acknowledged before the read began (a lost or stale append).
 * </ul>
 */
final class RaftClients {
    static final String REGISTER = "x";
    static final String LIST = "l";

    private final RaftSafety safety;
    private final int clientCount;
    /** Whether an extra client adds and removes voters now and then (one at a time, at least 3 left). */
    private final boolean changeVoters;
    private final Map<Integer, Client> clients = new HashMap<>();
    /** Register value to the request that wrote it (writes and cas). */
    private final Map<Object, KvRequest> writerOf = new HashMap<>();
    /** Acknowledged register writes: when acknowledged, and their committed index. */
    private final List<long[]> acknowledgedWrites = new ArrayList<>();
    /** Acknowledged appends: element to acknowledgement time. */
    private final Map<Object, Long> acknowledgedAppends = new HashMap<>();
    private int scanned;
    private long nextValue = 1;

    private static final class Client {
        boolean busy;
        long sequence;
        KvRequest inFlight;
        KvRequest retry;
        long invokedAtNanos;
        Object lastRead;
    }

    RaftClients(RaftSafety safety, int clientCount, boolean changeVoters) {
        this.safety = safety;
        this.clientCount = clientCount;
        this.changeVoters = changeVoters;
    }

    /** One workload round: every idle client sends its next request. */
    void next(Simulation<RaftMessage, RaftRecord> sim, RandomGenerator random) {
        if (changeVoters && random.nextInt(50) == 0) {
            changeVoters(sim, random);
        }
        for (int id = 0; id < clientCount; id++) {
            Client client = clients.computeIfAbsent(id, c -> new Client());
            if (client.busy) {
                continue;
            }
            KvRequest request = client.retry != null ? client.retry : newRequest(id, client, random);
            client.retry = null;
            client.busy = true;
            client.inFlight = request;
            boolean anyNode = request.op() == KvOp.READ && random.nextInt(10) < 3;
            String leader = leader(sim);
            String node = leader == null || anyNode ? sim.nodes().get(random.nextInt(sim.nodes().size())) : leader;
            sim.submit(node, request);
        }
    }

    /**
     * Asks the leader to add or remove one random node; the request may fail (busy, not leader)
     * or be lost, like any other. The oracle ignores its outcome: RaftSafety checks what it does.
     */
    private void changeVoters(Simulation<RaftMessage, RaftRecord> sim, RandomGenerator random) {
        Client admin = clients.computeIfAbsent(clientCount, c -> new Client());
        String leader = leader(sim);
        if (admin.busy || leader == null) {
            return;
        }
        List<String> voters = new ArrayList<>(sim.core(leader, RaftCore.class).voters());
        String node = sim.nodes().get(random.nextInt(sim.nodes().size()));
        if (!voters.remove(node)) {
            voters.add(node);
        } else if (voters.size() < 3) {
            return;
        }
        admin.busy = true;
        admin.inFlight = KvRequest.write(RaftCore.VOTERS_KEY, voters, clientCount, 0);
        sim.submit(leader, admin.inFlight);
    }

    /** The node whose status says it leads in the highest term (clients of a real cluster ask the agents). */
    private static String leader(Simulation<RaftMessage, RaftRecord> sim) {
        String leader = null;
        long term = -1;
        for (String node : sim.nodes()) {
            var status = sim.status(node);
            if (status != null && status.role().equals("leader") && status.term() > term) {
                leader = node;
                term = status.term();
            }
        }
        return leader;
    }

    private KvRequest newRequest(int id, Client client, RandomGenerator random) {
        long sequence = ++client.sequence;
        long value = nextValue++;
        int dice = random.nextInt(100);
        KvRequest request;
        if (dice < 30) {
            request = KvRequest.write(REGISTER, value, id, sequence);
        } else if (dice < 60) {
            request = KvRequest.read(REGISTER, id, sequence);
        } else if (dice < 72) {
            request = KvRequest.cas(REGISTER, client.lastRead, value, id, sequence);
        } else if (dice < 92) {
            request = new KvRequest(KvOp.APPEND, LIST, value, id, sequence);
        } else {
            request = KvRequest.read(LIST, id, sequence);
        }
        if (request.op() == KvOp.WRITE || request.op() == KvOp.CAS) {
            writerOf.put(request.op() == KvOp.WRITE ? request.value() : request.newValue(), request);
        }
        return request;
    }

    /** Checks Raft's safety properties, then every completion since the last call. */
    void check(Simulation<RaftMessage, RaftRecord> sim) {
        safety.check(sim);
        List<Op> history = sim.history();
        for (; scanned < history.size(); scanned++) {
            Op op = history.get(scanned);
            Client client = clients.get(op.process());
            if (op.type() == OpType.INVOKE) {
                client.invokedAtNanos = op.timeNanos();
            } else {
                client.busy = false;
                completed(client, op);
            }
        }
    }

    private void completed(Client client, Op op) {
        KvRequest request = client.inFlight;
        if (RaftCore.VOTERS_KEY.equals(request.key())) {
            return;
        }
        if (op.type() == OpType.INFO && request.op() != KvOp.READ) {
            client.retry = request;
        }
        if (op.type() != OpType.OK) {
            return;
        }
        switch (request.op()) {
            case WRITE, CAS -> acknowledgedWrite(request, op);
            case APPEND -> {
                requireCommitted(request, op);
                acknowledgedAppends.putIfAbsent(request.value(), op.timeNanos());
            }
            case READ -> {
                if (REGISTER.equals(request.key())) {
                    client.lastRead = op.value();
                    checkRegisterRead(client, op);
                } else {
                    checkListRead(client, op);
                }
            }
            default -> { }
        }
    }

    private void acknowledgedWrite(KvRequest request, Op op) {
        acknowledgedWrites.add(new long[] {op.timeNanos(), requireCommitted(request, op)});
    }

    private long requireCommitted(KvRequest request, Op op) {
        Long index = safety.committedIndexOf(request);
        if (index == null) {
            throw new AssertionError("acknowledged but not committed: " + request + " (" + op + ")");
        }
        return index;
    }

    private void checkRegisterRead(Client client, Op op) {
        long valueIndex = 0;
        if (op.value() != null) {
            KvRequest writer = writerOf.get(op.value());
            Long index = writer == null ? null : safety.committedIndexOf(writer);
            if (index == null) {
                throw new AssertionError("read " + op.value() + " on " + op.node() + ", which no committed write wrote");
            }
            valueIndex = index;
        }
        for (long[] write : acknowledgedWrites) {
            if (write[0] < client.invokedAtNanos && write[1] > valueIndex) {
                throw new AssertionError("stale read on " + op.node() + ": read " + op.value() + " (index " + valueIndex
                        + ") at " + op.timeNanos() / 1_000_000 + " ms, but the write at index " + write[1]
                        + " was acknowledged at " + write[0] / 1_000_000 + " ms, before the read began");
            }
        }
    }

    private void checkListRead(Client client, Op op) {
        List<?> list = op.value() == null ? List.of() : (List<?>) op.value();
        Set<Object> seen = new HashSet<>();
        for (Object element : list) {
            if (!seen.add(element)) {
                throw new AssertionError("duplicate element " + element + " in " + list + " read on " + op.node());
            }
        }
        for (Map.Entry<Object, Long> append : acknowledgedAppends.entrySet()) {
            if (append.getValue() < client.invokedAtNanos && !seen.contains(append.getKey())) {
                throw new AssertionError("lost or stale append: " + append.getKey() + " acknowledged at "
                        + append.getValue() / 1_000_000 + " ms is missing from a read on " + op.node() + " at "
                        + op.timeNanos() / 1_000_000 + " ms");
            }
        }
    }

    /** Whether no client waits for an answer. */
    boolean idle() {
        return clients.values().stream().noneMatch(client -> client.busy);
    }
}
