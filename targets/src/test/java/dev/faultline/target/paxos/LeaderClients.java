package dev.faultline.target.paxos;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.Simulation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sequential register clients for a simulated cluster, each writing unique values to (or reading)
 * one key, and a check that no read is stale. Before each request a client asks a random node
 * whom it follows and sends the request there (to that node itself when it knows no leader), as
 * a client library that asks any server would; so while two nodes both believe they lead, both
 * get requests.
 *
 * <p>The stale-read check is a sound piece of linearizability for a write-only register: a read
 * that returns the value of write {@code w} (or the initial null) is wrong if some other write
 * {@code w2} began after {@code w} completed and itself completed before the read began — every
 * linearization puts {@code w2} between them.
 */
final class LeaderClients {
    private static final String KEY = "x";

    /** A write's real-time interval; an unacknowledged write may take effect until the end of time. */
    private record Write(long invokedNanos, long completedNanos, boolean acknowledged) {}

    private final int count;
    private final long timeoutNanos;
    private final RandomGenerator random;
    /** Each client's current process id: after a timeout the client goes on as a new process (Jepsen's rule after info). */
    private final int[] processes;
    private final Map<Integer, Op> outstanding = new HashMap<>();
    private final Map<Object, Write> writes = new HashMap<>();
    private int scanned;
    private long nextValue = 1;

    /**
     * @param timeoutMillis how long a client waits for a reply before it gives up on it and goes on
     * @param random decides each request and where it goes
     */
    LeaderClients(int count, long timeoutMillis, RandomGenerator random) {
        this.count = count;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.random = random;
        this.processes = new int[count];
        for (int client = 0; client < count; client++) {
            processes[client] = client;
        }
    }

    /** Gives every idle client its next request. */
    void next(Simulation<PaxosMessage, PaxosRecord> sim) {
        collect(sim);
        for (int client = 0; client < count; client++) {
            Op waiting = outstanding.get(processes[client]);
            if (waiting != null && sim.nowNanos() - waiting.timeNanos() < timeoutNanos) {
                continue;
            }
            if (waiting != null) {
                processes[client] += count; // the old request may still complete, under its old process id
            }
            int process = processes[client];
            long value = nextValue++;
            KvRequest request = random.nextBoolean()
                    ? KvRequest.write(KEY, value, process, value)
                    : KvRequest.read(KEY, process, value);
            int invocation = sim.history().size();
            sim.submit(route(sim), request);
            outstanding.put(process, sim.history().get(invocation));
        }
    }

    /** Reads new completions from the history and checks every new read. */
    void collect(Simulation<PaxosMessage, PaxosRecord> sim) {
        List<Op> history = sim.history();
        for (; scanned < history.size(); scanned++) {
            Op op = history.get(scanned);
            if (op.type() == OpType.INVOKE) {
                if (op.f().equals("write")) {
                    writes.put(op.value(), new Write(op.timeNanos(), Long.MAX_VALUE, false));
                }
                continue;
            }
            Op invocation = outstanding.remove(op.process());
            if (op.f().equals("write") && op.type() != OpType.FAIL) {
                boolean ok = op.type() == OpType.OK;
                writes.put(op.value(), new Write(invocation.timeNanos(), ok ? op.timeNanos() : Long.MAX_VALUE, ok));
            } else if (op.f().equals("write")) {
                writes.remove(op.value());
            }
            if (op.f().equals("read") && op.type() == OpType.OK) {
                checkRead(invocation, op);
            }
        }
    }

    private String route(Simulation<PaxosMessage, PaxosRecord> sim) {
        String asked = sim.nodes().get(random.nextInt(sim.nodes().size()));
        NodeStatus status = sim.status(asked);
        return status != null && status.leader() != null ? status.leader() : asked;
    }

    private void checkRead(Op invocation, Op read) {
        Object value = read.value();
        Write source = value == null ? new Write(Long.MIN_VALUE, Long.MIN_VALUE, true) : writes.get(value);
        if (source == null) {
            throw new AssertionError("read " + value + " on " + read.node() + ": nobody wrote it");
        }
        if (source.invokedNanos() > read.timeNanos()) {
            throw new AssertionError("read " + value + " on " + read.node() + " before it was written");
        }
        for (Map.Entry<Object, Write> other : writes.entrySet()) {
            Write later = other.getValue();
            if (later.acknowledged() && !Objects.equals(other.getKey(), value) && later.invokedNanos() > source.completedNanos()
                    && later.completedNanos() < invocation.timeNanos()) {
                throw new AssertionError("stale read on " + read.node() + " at " + read.timeNanos() / 1_000_000 + " ms: got "
                        + value + ", but write " + other.getKey() + " (acknowledged at " + later.completedNanos() / 1_000_000
                        + " ms) followed it and finished before the read began");
            }
        }
    }
}
