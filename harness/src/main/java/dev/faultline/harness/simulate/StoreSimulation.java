package dev.faultline.harness.simulate;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded simulation of a linearizable store of registers, for benchmarks and tests: client
 * processes invoke reads, writes and compare-and-sets; each operation takes effect atomically at
 * a random instant inside its interval, on the store's one true state, so the history is
 * linearizable by construction, unless a violation is injected on purpose. Time is simulated
 * (nanoseconds from 0), so the run is a pure function of its {@link SimulationConfig}.
 *
 * <p>Events stream out in time order, so a history of millions of operations needs memory only
 * for the operations in flight.
 */
public final class StoreSimulation {
    private static final long LATENCY_NANOS_MAX = 1_000_000;
    private static final long THINK_NANOS_MAX = 200_000;
    /** How many recent writes per key the stale-read injection looks back over. */
    private static final int RECENT_WRITES = 64;

    private enum Phase { INVOKE, EFFECT, COMPLETE }

    private record Event(long timeNanos, long sequence, Phase phase, int slot) {}

    /** The operation a client slot has in flight. */
    private static final class InFlight {
        int process;
        String f;
        long key;
        Object argument;
        Object result;
        OpType outcome;
        long invokeNanos;
    }

    /** A completed, acknowledged write: when it ran and what it wrote. */
    private record Write(Object value, long invokeNanos, long returnNanos) {}

    private final SimulationConfig config;
    private final Consumer<Op> sink;
    private final SplittableRandom random;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
            a.timeNanos() != b.timeNanos() ? Long.compare(a.timeNanos(), b.timeNanos()) : Long.compare(a.sequence(), b.sequence()));
    private final Object[] store;
    private final long[] nextValue;
    private final ArrayDeque<Write>[] recentWrites;
    private final InFlight[] slots;
    private long sequence;
    private long invoked;
    private long completed;
    private int index;
    private boolean injected;
    private long injectedAtIndex = -1;

    @SuppressWarnings("unchecked")
    private StoreSimulation(SimulationConfig config, Consumer<Op> sink) {
        this.config = config;
        this.sink = sink;
        this.random = new SplittableRandom(config.seed());
        this.store = new Object[config.keys()];
        this.nextValue = new long[config.keys()];
        this.recentWrites = new ArrayDeque[config.keys()];
        for (int key = 0; key < config.keys(); key++) {
            recentWrites[key] = new ArrayDeque<>();
        }
        this.slots = new InFlight[config.processes()];
    }

    /**
     * Runs the simulation, handing each event to the sink in order.
     *
     * @return the index of the event carrying the injected violation, or -1
     */
    public static long run(SimulationConfig config, Consumer<Op> sink) {
        StoreSimulation simulation = new StoreSimulation(config, sink);
        simulation.simulate();
        return simulation.injectedAtIndex;
    }

    private void simulate() {
        for (int slot = 0; slot < slots.length; slot++) {
            slots[slot] = new InFlight();
            slots[slot].process = slot;
            schedule(random.nextLong(THINK_NANOS_MAX), Phase.INVOKE, slot);
        }
        while (!events.isEmpty()) {
            Event event = events.poll();
            switch (event.phase()) {
                case INVOKE -> invoke(event.timeNanos(), slots[event.slot()], event.slot());
                case EFFECT -> takeEffect(slots[event.slot()]);
                case COMPLETE -> complete(event.timeNanos(), slots[event.slot()], event.slot());
            }
        }
    }

    private void schedule(long timeNanos, Phase phase, int slot) {
        events.add(new Event(timeNanos, sequence++, phase, slot));
    }

    private void invoke(long now, InFlight op, int slot) {
        if (invoked == config.operations()) {
            return;
        }
        invoked++;
        op.key = random.nextInt(config.keys());
        op.invokeNanos = now;
        op.result = null;
        double roll = random.nextDouble();
        if (roll < config.readFraction()) {
            op.f = "read";
            op.argument = null;
        } else if (config.cas() && random.nextBoolean()) {
            op.f = "cas";
            op.argument = List.of(expectedValue(op.key), newValue(op.key));
        } else {
            op.f = "write";
            op.argument = newValue(op.key);
        }
        boolean crashes = random.nextDouble() < config.crashRate();
        op.outcome = crashes ? OpType.INFO : OpType.OK;
        emit(Op.invoke(op.process, op.f, keyField(op.key), op.argument).withTime(now));
        long latency = 1 + random.nextLong(LATENCY_NANOS_MAX);
        if (!crashes || random.nextBoolean()) {
            schedule(now + random.nextLong(latency), Phase.EFFECT, slot);
        }
        schedule(now + latency, Phase.COMPLETE, slot);
    }

    /** Usually the value the key holds now, so that many compare-and-sets succeed. */
    private Object expectedValue(long key) {
        if (random.nextBoolean() && store[(int) key] != null) {
            return store[(int) key];
        }
        if (config.uniqueValues()) {
            return nextValue[(int) key] == 0 ? 0L : 1 + random.nextLong(nextValue[(int) key]);
        }
        return (long) random.nextInt(config.valueRange());
    }

    private Object newValue(long key) {
        return config.uniqueValues() ? ++nextValue[(int) key] : (long) random.nextInt(config.valueRange());
    }

    /** The operation's atomic moment: it reads or changes the one true state. */
    private void takeEffect(InFlight op) {
        int key = (int) op.key;
        switch (op.f) {
            case "read" -> op.result = store[key];
            case "write" -> store[key] = op.argument;
            default -> {
                List<?> pair = (List<?>) op.argument;
                if (Objects.equals(store[key], pair.get(0))) {
                    store[key] = pair.get(1);
                } else if (op.outcome == OpType.OK) {
                    op.outcome = OpType.FAIL;
                }
            }
        }
    }

    private void complete(long now, InFlight op, int slot) {
        completed++;
        Object value = op.f.equals("read") ? op.result : op.argument;
        if (op.outcome == OpType.OK && op.f.equals("read") && shouldInject()) {
            Object injectedValue = violationValue(op);
            if (injectedValue != null) {
                value = injectedValue;
                injected = true;
                injectedAtIndex = index;
            }
        }
        if (op.outcome == OpType.OK && !op.f.equals("read")) {
            remember(op, now);
        }
        emit(Op.completion(op.outcome, op.process, op.f, keyField(op.key), op.outcome == OpType.OK ? value : op.argument)
                .withTime(now));
        if (op.outcome == OpType.INFO) {
            op.process += config.processes();
        }
        schedule(now + 1 + random.nextLong(THINK_NANOS_MAX), Phase.INVOKE, slot);
    }

    private boolean shouldInject() {
        return config.violation() != SimulationConfig.Violation.NONE && !injected
                && completed >= config.violationAt() * config.operations();
    }

    private Object violationValue(InFlight read) {
        if (config.violation() == SimulationConfig.Violation.PHANTOM_READ) {
            return -1L;
        }
        return supersededValue(read);
    }

    /**
     * A value the read cannot return: written by an acknowledged write w, overwritten by an
     * acknowledged write w' invoked after w returned, and w' returned before the read began. As
     * values are unique, no other op could have produced it.
     */
    private Object supersededValue(InFlight read) {
        Write[] writes = recentWrites[(int) read.key].toArray(new Write[0]);
        for (int later = writes.length - 1; later > 0; later--) {
            if (writes[later].returnNanos() >= read.invokeNanos) {
                continue;
            }
            for (int earlier = later - 1; earlier >= 0; earlier--) {
                if (writes[earlier].returnNanos() < writes[later].invokeNanos()) {
                    return writes[earlier].value();
                }
            }
        }
        return null;
    }

    private void remember(InFlight op, long now) {
        if (op.outcome != OpType.OK) {
            return;
        }
        Object written = op.f.equals("write") ? op.argument : ((List<?>) op.argument).get(1);
        ArrayDeque<Write> recent = recentWrites[(int) op.key];
        recent.addLast(new Write(written, op.invokeNanos, now));
        if (recent.size() > RECENT_WRITES) {
            recent.removeFirst();
        }
    }

    private Object keyField(long key) {
        return config.keys() == 1 ? null : key;
    }

    private void emit(Op op) {
        sink.accept(op.withIndex(index++));
    }
}
