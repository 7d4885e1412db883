package dev.faultline.checker.eventual;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A replicated store with a known replication lag, simulated in discrete time, that writes the
 * history a faultline run against it would record. Deterministic for a seed.
 *
 * <p>Each key has one writer that writes versions 1, 2, 3, ... every {@code writePeriodTicks}
 * ticks: the register value or the set element is the version number; a counter adds 1, so its
 * count is the version. The write is
 * acknowledged by replica n0, which applies it at once; every other replica applies it exactly
 * {@code lagTicks} ticks after the acknowledgement. Each reader reads one random key at one random
 * replica every tick, and sees what that replica had applied when the read was invoked. A tick is
 * 1000 ns: writes are invoked at +100 and acknowledged at +200, reader j invokes at +500 + j and
 * completes 300 ns later, so no acknowledgement or application ever coincides with a read.
 * With {@code finalPhase}, a nemesis heal follows the last tick, and once every replica caught up
 * each replica is read for every key with {@code final: true}.
 *
 * <p>The simulator records the truth a checker must find: each read's k, the number of versions
 * acknowledged before the read was invoked and newer than the one it returned.
 */
final class LaggingStore {
    static final long TICK_NANOS = 1000;

    /**
     * @param model {@code register} (write/read), {@code set} (add/read of every element) or
     *     {@code counter} (add 1/read the count)
     * @param readers at most 400, so reads never collide with other events
     */
    record Config(String model, int replicas, long lagTicks, int keys, long writePeriodTicks, int readers, long ticks,
            boolean finalPhase, long seed) {
        Config {
            if (readers > 400 || replicas < 1 || writePeriodTicks < 1 || keys < 1) {
                throw new IllegalArgumentException("bad simulation config " + this);
            }
        }
    }

    /** A simulated run: its history and each read's true k, by k. */
    record Run(List<Op> ops, long[] readsByK) {
        long reads() {
            return Arrays.stream(readsByK).sum();
        }
    }

    private record Event(long timeNanos, long sequence, Op op) {}

    private final Config config;
    private final Random random;
    private final List<Event> events = new ArrayList<>();
    private final long[][] ackTimes;
    private final int[] versions;
    private long[] readsByK = new long[4];

    private LaggingStore(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        this.ackTimes = new long[config.keys()][];
        this.versions = new int[config.keys()];
        int writesPerKey = (int) (config.ticks() / config.writePeriodTicks()) + 1;
        for (int key = 0; key < config.keys(); key++) {
            ackTimes[key] = new long[writesPerKey];
        }
    }

    static Run run(Config config) {
        return new LaggingStore(config).simulate();
    }

    private Run simulate() {
        long[] phases = new long[config.keys()];
        for (int key = 0; key < config.keys(); key++) {
            phases[key] = random.nextLong(config.writePeriodTicks());
        }
        for (long tick = 0; tick < config.ticks(); tick++) {
            long start = tick * TICK_NANOS;
            for (int key = 0; key < config.keys(); key++) {
                if (tick % config.writePeriodTicks() == phases[key]) {
                    write(key, start);
                }
            }
            for (int reader = 0; reader < config.readers(); reader++) {
                read(reader, random.nextInt(config.keys()), random.nextInt(config.replicas()), start);
            }
        }
        if (config.finalPhase()) {
            finalPhase();
        }
        events.sort(Comparator.comparingLong(Event::timeNanos).thenComparingLong(Event::sequence));
        List<Op> ops = new ArrayList<>(events.size());
        for (Event event : events) {
            ops.add(event.op().withIndex(ops.size()).withTime(event.timeNanos()));
        }
        return new Run(ops, readsByK);
    }

    private void write(int key, long start) {
        int version = ++versions[key];
        ackTimes[key][version - 1] = start + 200;
        String f = config.model().equals("register") ? "write" : "add";
        long value = config.model().equals("counter") ? 1 : version;
        add(start + 100, Op.invoke(key, f, (long) key, value));
        add(start + 200, Op.completion(OpType.OK, key, f, (long) key, value).withNode("n0"));
    }

    private void read(int reader, int key, int replica, long start) {
        long invoked = start + 500 + reader;
        int visible = appliedBefore(key, replica, invoked);
        int acknowledged = appliedBefore(key, 0, invoked);
        int k = acknowledged - visible;
        if (k >= readsByK.length) {
            readsByK = Arrays.copyOf(readsByK, k + 1);
        }
        readsByK[k]++;
        int process = config.keys() + reader;
        add(invoked, Op.invoke(process, "read", (long) key, null));
        add(invoked + 300, Op.completion(OpType.OK, process, "read", (long) key, state(visible)).withNode("n" + replica));
    }

    /** How many versions of the key the replica applied strictly before the time. */
    private int appliedBefore(int key, int replica, long timeNanos) {
        long delayNanos = replica == 0 ? 0 : config.lagTicks() * TICK_NANOS;
        int applied = 0;
        int low = 0;
        int high = versions[key];
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ackTimes[key][middle] + delayNanos < timeNanos) {
                applied = middle + 1;
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return applied;
    }

    /** The register's value (the version, or nil before the first), the count, or the set's elements 1..version. */
    private Object state(int version) {
        if (config.model().equals("register")) {
            return version == 0 ? null : (long) version;
        }
        if (config.model().equals("counter")) {
            return (long) version;
        }
        List<Object> elements = new ArrayList<>(version);
        for (long element = 1; element <= version; element++) {
            elements.add(element);
        }
        return List.copyOf(elements);
    }

    private void finalPhase() {
        long healNanos = (config.ticks() + 1) * TICK_NANOS;
        add(healNanos, new Op(0, Op.NO_TIME, Op.NEMESIS, OpType.INFO, "heal", null, null, null, null, Map.of(), false));
        long time = healNanos + (config.lagTicks() + 1) * TICK_NANOS;
        for (int replica = 0; replica < config.replicas(); replica++) {
            int process = config.keys() + config.readers() + replica;
            for (int key = 0; key < config.keys(); key++) {
                add(time, Op.invoke(process, "read", (long) key, null).withFinalRead(true));
                add(time + 1, Op.completion(OpType.OK, process, "read", (long) key, state(versions[key]))
                        .withNode("n" + replica).withFinalRead(true));
                time += 2;
            }
        }
    }

    private void add(long timeNanos, Op op) {
        events.add(new Event(timeNanos, events.size(), op));
    }
}
