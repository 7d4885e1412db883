package dev.faultline.target.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.target.TargetRegistry;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.sim.SimFaults;
import dev.faultline.target.common.sim.SimOptions;
import dev.faultline.target.common.sim.SimRunner;
import dev.faultline.target.common.sim.Simulation;
import dev.faultline.target.common.sim.SimulationFailure;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Goal: the simulator finds a planted durability bug, reports a seed that replays it, and passes
 * the correct core. Method: each node serves one sequential client that alternates writes of
 * unique values and reads of one key; an oracle checks after every step that every ok read returns
 * the last acknowledged write (or a write whose outcome was unknown), while nodes crash with
 * power loss and restart.
 */
class MemorySimulationTest {
    private static final SimFaults CRASHES = new SimFaults(50, 0.3, 1.0, 0.6, 1, 0, 0, LinkFaults.NONE, 0, 0, 0, 0);
    private static final SimRunner.Phases PHASES = new SimRunner.Phases(5_000, 1_000, 5);

    @SuppressWarnings("unchecked")
    private static Protocol<Nothing, MemoryRecord> memory(Set<String> bugs) {
        return (Protocol<Nothing, MemoryRecord>) TargetRegistry.builtIn().find("memory").create(bugs, Map.of());
    }

    /** One sequential register client per node, and the oracle that checks what its reads return. */
    private static final class RegisterClients {
        private final Map<Integer, Object> lastAcknowledged = new HashMap<>();
        private final Map<Integer, Set<Object>> uncertain = new HashMap<>();
        private final Set<Integer> busy = new HashSet<>();
        private final Map<Integer, Long> requests = new HashMap<>();
        private int scanned;
        private long nextValue = 1;

        void next(Simulation<Nothing, MemoryRecord> sim) {
            List<String> nodes = sim.nodes();
            for (int client = 0; client < nodes.size(); client++) {
                if (busy.add(client)) {
                    boolean write = requests.merge(client, 1L, Long::sum) % 2 == 1;
                    long value = nextValue++;
                    sim.submit(nodes.get(client), write
                            ? KvRequest.write("x", value, client, value)
                            : KvRequest.read("x", client, value));
                }
            }
        }

        void check(Simulation<Nothing, MemoryRecord> sim) {
            List<Op> history = sim.history();
            for (; scanned < history.size(); scanned++) {
                Op op = history.get(scanned);
                if (op.type() == OpType.INVOKE) {
                    continue;
                }
                int client = op.process();
                busy.remove(client);
                Set<Object> maybe = uncertain.computeIfAbsent(client, c -> new HashSet<>());
                if (op.f().equals("write") && op.type() == OpType.OK) {
                    lastAcknowledged.put(client, op.value());
                    maybe.clear();
                } else if (op.f().equals("write") && op.type() == OpType.INFO) {
                    maybe.add(op.value());
                } else if (op.f().equals("read") && op.type() == OpType.OK) {
                    Object expected = lastAcknowledged.get(client);
                    if (!Objects.equals(op.value(), expected) && !maybe.contains(op.value())) {
                        throw new AssertionError("read on " + op.node() + " returned " + op.value()
                                + " after write " + expected + " was acknowledged (unknown: " + maybe + ")");
                    }
                    lastAcknowledged.put(client, op.value());
                    maybe.clear();
                }
            }
        }
    }

    private static Simulation<Nothing, MemoryRecord> run(Set<String> bugs, long seed) {
        RegisterClients clients = new RegisterClients();
        return SimRunner.run(memory(bugs), SimOptions.defaults(2), CRASHES, PHASES, seed,
                (sim, random) -> clients.next(sim), clients::check, sim -> sim.pendingRequests() == 0);
    }

    @Test
    void theCorrectCoreKeepsEveryAcknowledgedWriteThroughPowerLoss() {
        for (long seed = 1; seed <= 5; seed++) {
            Simulation<Nothing, MemoryRecord> sim = run(Set.of(), seed);
            assertThat(sim.stats().crashes()).as("seed %d crashed nodes", seed).isPositive();
            assertThat(sim.history().size()).isGreaterThan(500);
        }
    }

    @Test
    void acknowledgingBeforeFsyncIsCaughtWithASeedThatReplaysIt() {
        SimulationFailure failure = null;
        for (long seed = 1; seed <= 5 && failure == null; seed++) {
            try {
                run(Set.of("ack-before-fsync"), seed);
            } catch (SimulationFailure caught) {
                failure = caught;
            }
        }
        assertThat(failure).as("the planted bug was found").isNotNull();
        assertThat(failure.getMessage()).startsWith("reproduce with seed=" + failure.seed() + ": safety phase at ")
                .contains("after write").contains("crash power-loss");
        long seed = failure.seed();
        String message = failure.getMessage();
        assertThatThrownBy(() -> run(Set.of("ack-before-fsync"), seed)).hasMessage(message);
    }
}
