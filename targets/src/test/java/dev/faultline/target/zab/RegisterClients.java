package dev.faultline.target.zab;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sequential register clients for the simulated cluster, and the oracle for what ZooKeeper
 * promises them. Each client talks to one server; after a reply that is not ok it moves to another
 * (a ZooKeeper client reconnecting), carrying the highest position it has seen, and now and then
 * it moves anyway. Checked on every completion:
 *
 * <ul>
 *   <li>a client's positions never go back (FIFO client order; a server behind the client refuses it);
 *   <li>an ok read returns the key's value after the global delivery sequence up to the position
 *       it reports (sequential consistency: every read sees a prefix of the one order);
 *   <li>with {@code read=sync}: an ok read's position is at least that of every change
 *       acknowledged before the read was invoked (linearizability). With {@code read=local} such
 *       stale reads are allowed (ZooKeeper's documented behaviour) and only counted.
 * </ul>
 */
final class RegisterClients {
    private static final List<String> KEYS = List.of("x", "y");

    private static final class Client {
        final int id;
        String node;
        boolean busy;
        long seenPosition;
        long sequence;
        Object lastValue;
        long acknowledgedAtInvocation;

        Client(int id, String node) {
            this.id = id;
            this.node = node;
        }
    }

    private final BroadcastChecker checker;
    private final boolean syncReads;
    private final double moveProbability;
    private final List<Client> clients = new ArrayList<>();
    private final Map<Integer, Client> byProcess = new HashMap<>();
    private long acknowledgedChangeMax;
    private long nextValue = 1;
    private int scanned;
    private long okReads;
    private long staleReads;

    RegisterClients(BroadcastChecker checker, List<String> nodes, int clientsPerNode, boolean syncReads, double moveProbability) {
        this.checker = checker;
        this.syncReads = syncReads;
        this.moveProbability = moveProbability;
        for (int round = 0; round < clientsPerNode; round++) {
            for (String node : nodes) {
                Client client = new Client(clients.size(), node);
                clients.add(client);
                byProcess.put(client.id, client);
            }
        }
    }

    void next(Simulation<ZabMessage, ZabRecord> sim, RandomGenerator random) {
        for (Client client : clients) {
            if (client.busy) {
                continue;
            }
            if (random.nextDouble() < moveProbability) {
                client.node = sim.nodes().get(random.nextInt(sim.nodes().size()));
            }
            client.busy = true;
            client.acknowledgedAtInvocation = acknowledgedChangeMax;
            Object key = KEYS.get(random.nextInt(KEYS.size()));
            long sequence = ++client.sequence;
            int dice = random.nextInt(10);
            KvRequest request;
            if (dice < 5) {
                request = KvRequest.read(key, client.id, sequence);
            } else if (dice < 8) {
                request = KvRequest.write(key, nextValue++, client.id, sequence);
            } else {
                request = KvRequest.cas(key, client.lastValue, nextValue++, client.id, sequence);
            }
            sim.submit(client.node, request.withSeenPosition(client.seenPosition));
        }
    }

    void check(Simulation<ZabMessage, ZabRecord> sim) {
        List<Op> history = sim.history();
        for (; scanned < history.size(); scanned++) {
            Op op = history.get(scanned);
            if (op.type() == OpType.INVOKE) {
                continue;
            }
            Client client = byProcess.get(op.process());
            client.busy = false;
            if (op.type() != OpType.OK) {
                client.node = sim.nodes().get((sim.nodes().indexOf(client.node) + 1) % sim.nodes().size());
                continue;
            }
            long position = (Long) op.meta().get(KvReply.POSITION);
            if (position < client.seenPosition) {
                throw new AssertionError("client " + client.id + " saw position " + Zxid.unpack(client.seenPosition)
                        + ", then " + Zxid.unpack(position) + " from " + op.node() + ": " + op.describe());
            }
            client.seenPosition = position;
            if (op.f().equals("read")) {
                checkRead(client, op, position);
            } else {
                acknowledgedChangeMax = Math.max(acknowledgedChangeMax, position);
                client.lastValue = op.f().equals("cas") ? ((List<?>) op.value()).get(1) : op.value();
            }
        }
    }

    private void checkRead(Client client, Op op, long position) {
        okReads++;
        Object expected = checker.valueAt(op.key(), position);
        if (!Objects.equals(expected, op.value())) {
            throw new AssertionError("read on " + op.node() + " at " + Zxid.unpack(position) + " returned " + op.value()
                    + " but the delivery sequence has " + expected + " there: " + op.describe());
        }
        boolean stale = position < client.acknowledgedAtInvocation;
        if (stale && !syncReads) {
            staleReads++;
        } else if (stale) {
            throw new AssertionError("synced read on " + op.node() + " at " + Zxid.unpack(position) + " misses a change "
                    + "acknowledged at " + Zxid.unpack(client.acknowledgedAtInvocation) + " before it began: " + op.describe());
        }
        client.lastValue = op.value();
    }

    long okReads() {
        return okReads;
    }

    /** Reads that missed a change acknowledged before they began (allowed only with {@code read=local}). */
    long staleReads() {
        return staleReads;
    }
}
