package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.SimFaults;
import dev.faultline.target.common.sim.SimOptions;
import dev.faultline.target.common.sim.SimRunner;
import dev.faultline.target.common.sim.Simulation;
import dev.faultline.target.common.sim.SimulationFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Goal: under every fault the simulator has (partitions, one-way cuts, loss, duplication,
 * reordering, crashes with power loss, clock bumps and rates), the store stays safe while faulty
 * and, once everything is healed, every key's home replicas converge and no acknowledged set add
 * is missing, in every configuration with anti-entropy on; with the {@code no-anti-entropy} bug
 * they do not converge. In ABD mode, a single register's history is linearizable.
 *
 * <p>Method: one client per node submits random writes of unique values to three registers,
 * adds of unique elements to a set, and reads. After every step: no read returns a value nobody
 * wrote (and the cores check their own invariants). After the liveness phase: convergence as
 * above. Seeds: {@value #SEEDS_DEFAULT} per configuration by default; set the system property
 * {@code faultline.gossip.seeds} to run more. A failure message starts with
 * {@code reproduce with seed=N}.
 */
class GossipSimulationTest {
    private static final int SEEDS_DEFAULT = 4;
    private static final int SEEDS = Integer.getInteger("faultline.gossip.seeds", SEEDS_DEFAULT);
    private static final SimRunner.Phases PHASES = new SimRunner.Phases(4_000, 15_000, 20);
    private static final List<Object> REGISTERS = List.of("x", "y", "z");
    private static final String SET = "s";

    /** Faster timers than the defaults: simulated seconds are cheap, but not free. */
    private static Map<String, String> options(String... keyValues) {
        Map<String, String> options = new HashMap<>(Map.of(GossipOptions.ANTI_ENTROPY_MILLIS, "200",
                GossipOptions.RUMOR_MILLIS, "50", GossipOptions.HINT_MILLIS, "100", GossipOptions.TIMEOUT_MILLIS, "500",
                GossipOptions.HANDOFF_AFTER_MILLIS, "100", GossipOptions.SNAPSHOT_EVERY, "200"));
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    private static Protocol<GossipMessage, GossipRecord> protocol(Set<String> bugs, Map<String, String> options) {
        return (Protocol<GossipMessage, GossipRecord>) GossipTarget.SPEC.create(bugs, options);
    }

    /** One sequential client per node, and the per-step safety check over what they observed. */
    private static final class Clients {
        private final Set<Integer> busy = new HashSet<>();
        private final Set<Object> written = new HashSet<>();
        private final Set<Object> acknowledgedAdds = new HashSet<>();
        private final List<Object> keys;
        private int scanned;
        private long nextValue = 1;

        Clients(List<Object> keys) {
            this.keys = keys;
        }

        void next(Simulation<GossipMessage, GossipRecord> sim, RandomGenerator random) {
            scan(sim);
            List<String> nodes = sim.nodes();
            for (int client = 0; client < nodes.size(); client++) {
                if (!busy.add(client)) {
                    continue;
                }
                Object key = keys.get(random.nextInt(keys.size()));
                long value = nextValue++;
                KvRequest request;
                if (random.nextInt(3) == 0) {
                    request = KvRequest.read(key, client, value);
                } else if (key.equals(SET)) {
                    request = new KvRequest(KvOp.ADD, key, value, client, value);
                    written.add(value);
                } else {
                    request = KvRequest.write(key, value, client, value);
                    written.add(value);
                }
                sim.submit(nodes.get(random.nextInt(nodes.size())), request);
            }
        }

        void scan(Simulation<GossipMessage, GossipRecord> sim) {
            List<Op> history = sim.history();
            for (; scanned < history.size(); scanned++) {
                Op op = history.get(scanned);
                if (op.type() == OpType.INVOKE) {
                    continue;
                }
                busy.remove(op.process());
                if (op.type() == OpType.OK && op.f().equals("add")) {
                    acknowledgedAdds.add(op.value());
                }
                if (op.type() == OpType.OK && op.f().equals("read") && op.value() != null) {
                    List<?> seen = op.value() instanceof List<?> elements ? elements : List.of(op.value());
                    for (Object value : seen) {
                        if (!written.contains(value)) {
                            throw new AssertionError("read of " + op.key() + " on " + op.node() + " returned " + value
                                    + ", which nobody wrote");
                        }
                    }
                }
            }
        }
    }

    /** Every key's home replicas hold equal entries, every request was answered, every acknowledged add is there. */
    private static boolean converged(Simulation<GossipMessage, GossipRecord> sim, Clients clients) {
        if (sim.pendingRequests() > 0) {
            return false;
        }
        Map<Object, Map<String, Entry>> byKey = new LinkedHashMap<>();
        for (String node : sim.nodes()) {
            for (KeyEntry entry : sim.core(node, GossipCore.class).entries()) {
                byKey.computeIfAbsent(entry.key(), key -> new LinkedHashMap<>()).put(node, entry.entry());
            }
        }
        int replicas = sim.core(sim.nodes().get(0), GossipCore.class).replicaCount();
        for (Map<String, Entry> holders : byKey.values()) {
            if (holders.size() != replicas || new HashSet<>(holders.values()).size() != 1) {
                return false;
            }
        }
        Map<String, Entry> set = byKey.getOrDefault(SET, Map.of());
        for (Entry entry : set.values()) {
            if (!((List<?>) entry.readValue()).containsAll(clients.acknowledgedAdds)) {
                return false;
            }
        }
        return true;
    }

    private static Simulation<GossipMessage, GossipRecord> run(Set<String> bugs, Map<String, String> options, int nodes,
            long seed) {
        List<Object> keys = new ArrayList<>(REGISTERS);
        keys.add(SET);
        Clients clients = new Clients(keys);
        return SimRunner.run(protocol(bugs, options), SimOptions.defaults(nodes), SimFaults.everything(nodes), PHASES, seed,
                clients::next, clients::scan, sim -> converged(sim, clients));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "resolve=lww",
        "resolve=vv",
        "w=1 r=1",
        "read-repair=async",
        "read-repair=sync w=1 r=3",
        "read-from=r w=1 r=1 read-repair=async",
        "n=2 w=1 r=1 handoff=on",
        "mode=abd",
        "rumor-millis=0"})
    void everyConfigurationConvergesOnceFaultsAreHealed(String configuration) {
        Map<String, String> options = options();
        for (String pair : configuration.split(" ")) {
            String[] keyValue = pair.split("=");
            options.put(keyValue[0], keyValue[1]);
        }
        long faults = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation<GossipMessage, GossipRecord> sim = run(Set.of(), options, 3, seed);
            faults += sim.stats().crashes() + sim.stats().messagesBlocked() + sim.stats().messagesLost();
        }
        assertThat(faults).as("the seeds injected faults").isPositive();
    }

    @Test
    void fiveNodesWithThreeReplicasPerKeyConvergeToo() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            run(Set.of(), options("n", "3", "handoff", "on"), 5, seed);
        }
    }

    @Test
    void withoutAntiEntropyReplicasThatMissedWritesNeverConverge() {
        int failures = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                run(Set.of("no-anti-entropy"), options(), 3, seed);
            } catch (SimulationFailure failure) {
                assertThat(failure.getMessage()).startsWith("reproduce with seed=" + seed + ": liveness phase")
                        .contains("did not converge");
                failures++;
            }
        }
        assertThat(failures).as("seeds out of %d on which the bug showed", SEEDS).isPositive();
    }

    // ------------------------------------------------------------------ ABD linearizability

    @Test
    void abdModeKeepsASingleRegisterLinearizableUnderFaults() {
        for (long seed = 1; seed <= 2L * SEEDS; seed++) {
            Simulation<GossipMessage, GossipRecord> sim = runRegister(options("mode", "abd"), seed);
            assertThat(RegisterLinearizability.check(sim.history(), "r")).as("seed %d", seed).isNull();
        }
    }

    @Test
    void strictQuorumsWithoutWriteBackAreCaughtNotLinearizableBySameCheck() {
        boolean caught = false;
        for (long seed = 1; seed <= 4L * SEEDS && !caught; seed++) {
            Simulation<GossipMessage, GossipRecord> sim = runRegister(options("w", "2", "r", "2"), seed);
            caught = RegisterLinearizability.check(sim.history(), "r") != null;
        }
        assertThat(caught).as("a new/old inversion or a clock-skewed lost write within the seeds").isTrue();
    }

    private static Simulation<GossipMessage, GossipRecord> runRegister(Map<String, String> options, long seed) {
        Clients clients = new Clients(List.of("r"));
        return SimRunner.run(protocol(Set.of(), options), SimOptions.defaults(3), SimFaults.everything(3),
                new SimRunner.Phases(1_500, 5_000, 10), seed, clients::next, clients::scan,
                sim -> sim.pendingRequests() == 0);
    }

    @Test
    void theLinearizabilityOracleRejectsANewOldInversionAndAcceptsItsFix() {
        List<Op> inversion = List.of(
                op(0, 0, OpType.INVOKE, "write", 1L), op(0, 1, OpType.OK, "write", 1L),
                op(0, 2, OpType.INVOKE, "write", 2L),
                op(1, 3, OpType.INVOKE, "read", null), op(1, 4, OpType.OK, "read", 2L),
                op(2, 5, OpType.INVOKE, "read", null), op(2, 6, OpType.OK, "read", 1L));
        assertThat(RegisterLinearizability.check(inversion, "r")).isNotNull();
        List<Op> fixed = new ArrayList<>(inversion);
        fixed.set(6, op(2, 6, OpType.OK, "read", 2L));
        assertThat(RegisterLinearizability.check(fixed, "r")).isNull();
        fixed.set(4, op(1, 4, OpType.OK, "read", 1L));
        fixed.set(6, op(2, 6, OpType.OK, "read", 2L));
        assertThat(RegisterLinearizability.check(fixed, "r")).as("old then new is fine while the write is open").isNull();
    }

    private static Op op(int process, long time, OpType type, String f, Object value) {
        return new Op(0, time, process, type, f, "r", value, null, null, Map.of(), false);
    }
}
