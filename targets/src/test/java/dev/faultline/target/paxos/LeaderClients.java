package dev.faultline.target.paxos;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.nemesis.agent.NodeStatus;
import dev.faultline.target.common.kv.KvErrors;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sequential register clients for a simulated cluster that follow the leader, and a check that
 * no read is stale. Each client writes unique values to (or reads) one key; after
 * {@code not-leader} it asks the node it tried whom it follows, after any other failure it picks
 * a node at random.
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
    private final RandomGenerator random;
    private final Map<Integer, String> targets = new HashMap<>();
    private final Map<Integer, Op> outstanding = new HashMap<>();
    private final Map<Object, Write> writes = new HashMap<>();
    private final List<Op> reads = new ArrayList<>();
    private int scanned;
    private long nextValue = 1;
    private long acknowledgedWrites;
    private long okReads;

    /** @param random decides each request and each redirect after a failure */
    LeaderClients(int count, RandomGenerator random) {
        this.count = count;
        this.random = random;
    }

    /** Gives every idle client its next request. */
    void next(Simulation<PaxosMessage, PaxosRecord> sim) {
        collect(sim);
        List<String> nodes = sim.nodes();
        for (int client = 0; client < count; client++) {
            if (outstanding.containsKey(client)) {
                continue;
            }
            String node = targets.computeIfAbsent(client, c -> nodes.get(c % nodes.size()));
            long value = nextValue++;
            KvRequest request = random.nextBoolean()
                    ? KvRequest.write(KEY, value, client, value)
                    : KvRequest.read(KEY, client, value);
            int invocation = sim.history().size();
            sim.submit(node, request);
            outstanding.put(client, sim.history().get(invocation));
        }
    }

    /** Reads new completions from the history: redirects clients, and checks every new read. */
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
                acknowledgedWrites += ok ? 1 : 0;
            } else if (op.f().equals("write")) {
                writes.remove(op.value());
            }
            if (op.f().equals("read") && op.type() == OpType.OK) {
                okReads++;
                checkRead(invocation, op);
            }
            if (op.type() != OpType.OK) {
                targets.put(op.process(), redirect(sim, op));
            }
        }
    }

    private String redirect(Simulation<PaxosMessage, PaxosRecord> sim, Op failed) {
        if (KvErrors.NOT_LEADER.equals(failed.error())) {
            NodeStatus status = sim.status(failed.node());
            if (status != null && status.leader() != null) {
                return status.leader();
            }
        }
        return sim.nodes().get(random.nextInt(sim.nodes().size()));
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

    long acknowledgedWrites() {
        return acknowledgedWrites;
    }

    long okReads() {
        return okReads;
    }
}
